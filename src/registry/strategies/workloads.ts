import type { KubeObject, StatusCause } from '../../api/types.js'
import type { Strategy } from '../strategy.js'
import { validatePodSpec } from './pods.js'

interface LabelSelector {
  matchLabels?: Record<string, string>
}

function selectorCauses(object: KubeObject): StatusCause[] {
  const spec = (object.spec ?? {}) as { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } }
  if (!spec.selector) return [{ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' }]
  const labels = spec.template?.metadata?.labels ?? {}
  const wanted = spec.selector.matchLabels ?? {}
  const matches = Object.entries(wanted).every(([k, v]) => labels[k] === v)
  if (matches) return []
  return [{
    reason: 'FieldValueInvalid',
    field: 'spec.template.metadata.labels',
    message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
  }]
}

/** Deployments, replica sets, stateful sets, daemon sets: a selector over a pod template. */
export const workloadStrategy: Strategy = {
  prepareForCreate(object) {
    object.status = {}
  },
  validate: (object) => [
    ...selectorCauses(object),
    ...validatePodSpec((object.spec as { template?: { spec?: unknown } })?.template?.spec, 'spec.template.spec'),
  ],
}

export const jobStrategy: Strategy = {
  prepareForCreate(object) {
    object.status = {}
  },
  validate: (object) => validatePodSpec((object.spec as { template?: { spec?: unknown } })?.template?.spec, 'spec.template.spec'),
}
