import { isDeepStrictEqual } from 'node:util'
import { forbiddenField, goValue, immutableField, requiredField, unsupportedField } from '../../api/field-errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { text } from '../printers/fields.js'
import { defaultStorageClass } from '../defaults/storage-defaults.js'
import type { Strategy } from '../strategy.js'

// Storage classes (k8s: pkg/apis/storage/validation/validation.go, pkg/apis/storage/v1/defaults.go).

const RECLAIM_POLICIES = ['Delete', 'Retain']
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer']

function storageClassCauses(sc: KubeObject): StatusCause[] {
  const causes: StatusCause[] = text(sc, 'provisioner') ? [] : [requiredField('provisioner')]
  const reclaimPolicy = text(sc, 'reclaimPolicy')
  if (reclaimPolicy && !RECLAIM_POLICIES.includes(reclaimPolicy)) causes.push(unsupportedField('reclaimPolicy', reclaimPolicy, RECLAIM_POLICIES))
  const bindingMode = text(sc, 'volumeBindingMode')
  if (!BINDING_MODES.includes(bindingMode)) causes.push(unsupportedField('volumeBindingMode', bindingMode, BINDING_MODES))
  return causes
}

/** ValidateStorageClassUpdate: what provisions volumes is fixed at creation. */
function storageClassUpdateCauses(next: KubeObject, current: KubeObject): StatusCause[] {
  const causes: StatusCause[] = []
  if (!isDeepStrictEqual(next.parameters ?? {}, current.parameters ?? {})) causes.push(forbiddenField('parameters', 'updates to parameters are forbidden.'))
  if (next.provisioner !== current.provisioner) causes.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'))
  if (next.reclaimPolicy !== current.reclaimPolicy) causes.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'))
  if (next.volumeBindingMode !== current.volumeBindingMode) causes.push(immutableField('volumeBindingMode', goValue(next.volumeBindingMode)))
  return causes
}

export const storageClassStrategy: Strategy = {
  applyDefaults: defaultStorageClass,
  validate: storageClassCauses,
  validateUpdate: storageClassUpdateCauses,
}
