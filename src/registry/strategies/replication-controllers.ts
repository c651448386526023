import { goStringMap, invalidField, requiredField, unsupportedField } from '../../api/field-errors.js'
import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { defaultReplicationController } from '../defaults/core-defaults.js'
import type { Strategy } from '../strategy.js'
import { initialStatus } from './initial-status.js'
import { validatePodSpec } from './pods.js'

interface RcSpec {
  replicas?: number
  selector?: Record<string, string>
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { restartPolicy?: string } }
}

const specOf = (rc: KubeObject) => (isJsonObject(rc.spec) ? (rc.spec as RcSpec) : undefined)
const isEmpty = (map: Record<string, string> | undefined) => Object.keys(map ?? {}).length === 0

/** ValidateReplicationControllerSpec: a selector, and a template it selects that restarts Always. */
function replicationControllerCauses(rc: KubeObject): StatusCause[] {
  const spec = specOf(rc) ?? {}
  const causes: StatusCause[] = isEmpty(spec.selector) ? [requiredField('spec.selector')] : []
  if (spec.template === undefined) return [...causes, requiredField('spec.template')]
  const labels = spec.template.metadata?.labels ?? {}
  const isSelected = Object.entries(spec.selector ?? {}).every(([k, v]) => labels[k] === v)
  if (!isEmpty(spec.selector) && !isSelected) {
    causes.push(invalidField('spec.template.metadata.labels', goStringMap(spec.template.metadata?.labels), '`selector` does not match template `labels`'))
  }
  causes.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'))
  const restartPolicy = spec.template.spec?.restartPolicy
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    causes.push(unsupportedField('spec.template.spec.restartPolicy', restartPolicy, ['Always']))
  }
  return causes
}

// k8s: pkg/registry/core/replicationcontroller/strategy.go, pkg/apis/core/v1/defaults.go,
// pkg/apis/core/validation/validation.go.
export const replicationControllerStrategy: Strategy = {
  applyDefaults: defaultReplicationController,
  ...initialStatus({ replicas: 0 }),
  validate: replicationControllerCauses,
}
