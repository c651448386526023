import { defaultPodTemplateObject } from '../defaults/core-defaults.js'
import type { Strategy } from '../strategy.js'
import { validatePodSpec } from './pods.js'

// ValidatePodTemplate (k8s: pkg/apis/core/validation/validation.go): the template's pod spec.
export const podTemplateStrategy: Strategy = {
  applyDefaults: defaultPodTemplateObject,
  validate: (template) => validatePodSpec((template.template as { spec?: unknown } | undefined)?.spec, 'template.spec'),
}
