import type { KubeObject } from '../../api/types.js'
import { defaultNil } from './go-fields.js'

/**
 * SetDefaults_PriorityClass (k8s: pkg/apis/scheduling/v1/defaults.go): pods of the class preempt
 * lower ones. value has no omitempty: a body without one decodes to Go's 0 and is stored as 0. The
 * OpenAPI marks it required (kubectl explain says so), but kube-apiserver does not check presence.
 */
export function defaultPriorityClass(priorityClass: KubeObject): void {
  defaultNil(priorityClass, { value: 0, preemptionPolicy: 'PreemptLowerPriority' })
}
