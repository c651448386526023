import { forbidden } from '../../api/errors.js'
import { forbiddenField, goValue, immutableField, requiredField, unsupportedField } from '../../api/field-errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { valueAt } from '../../api/selectors.js'
import { defaultPriorityClass } from '../defaults/scheduling-defaults.js'
import type { Strategy } from '../strategy.js'

// Priority classes (k8s: pkg/apis/scheduling/validation/validation.go, pkg/apis/scheduling/v1/
// helpers.go and defaults.go, pkg/registry/scheduling/priorityclass/storage/storage.go).

const SYSTEM_PREFIX = 'system-'
/** scheduling.HighestUserDefinablePriority */
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY

/** The classes kube-apiserver creates at start (SystemPriorityClasses), as its client stores them. */
export const SYSTEM_PRIORITY_CLASSES: readonly KubeObject[] = Object.freeze([
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: SYSTEM_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
])

const valueOf = (pc: KubeObject) => (typeof pc.value === 'number' ? pc.value : 0)
const isGlobalDefault = (pc: KubeObject) => pc.globalDefault === true

/** IsKnownSystemPriorityClass's error, or undefined for a known system class. */
function systemClassError(pc: KubeObject): string | undefined {
  const name = pc.metadata.name ?? ''
  const known = SYSTEM_PRIORITY_CLASSES.find((c) => c.metadata.name === name)
  if (!known) return `${name} is not a known system priority class`
  if (valueOf(known) !== valueOf(pc)) return `value of ${name} PriorityClass must be ${valueOf(known)}`
  if (isGlobalDefault(pc)) return `globalDefault of ${name} PriorityClass must be false`
  return undefined
}

function priorityClassCauses(pc: KubeObject): StatusCause[] {
  const causes: StatusCause[] = []
  if ((pc.metadata.name ?? '').startsWith(SYSTEM_PREFIX)) {
    const error = systemClassError(pc)
    if (error) causes.push(forbiddenField('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${error}`))
  } else if (valueOf(pc) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    causes.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`))
  }
  // ValidatePreemptionPolicy
  const policy = valueAt(pc, 'preemptionPolicy')
  if (policy === '') causes.push(requiredField('preemptionPolicy'))
  else if (policy !== undefined && policy !== 'Never' && policy !== 'PreemptLowerPriority') {
    causes.push(unsupportedField('preemptionPolicy', String(policy), ['PreemptLowerPriority', 'Never']))
  }
  return causes
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are fixed at creation. */
function priorityClassUpdateCauses(next: KubeObject, current: KubeObject): StatusCause[] {
  const causes: StatusCause[] = []
  if (valueOf(next) !== valueOf(current)) causes.push(forbiddenField('value', 'may not be changed in an update.'))
  if (next.preemptionPolicy !== current.preemptionPolicy) causes.push(immutableField('preemptionPolicy', goValue(next.preemptionPolicy)))
  return causes
}

export const priorityClassStrategy: Strategy = {
  applyDefaults: defaultPriorityClass,
  validate: priorityClassCauses,
  validateUpdate: priorityClassUpdateCauses,
  checkDelete(name) {
    if (SYSTEM_PRIORITY_CLASSES.some((c) => c.metadata.name === name)) {
      throw forbidden(`priorityclasses.scheduling.k8s.io "${name}" is forbidden: this is a system priority class and cannot be deleted`, {
        name,
        group: 'scheduling.k8s.io',
        kind: 'priorityclasses',
      })
    }
  },
}
