import { forbidden } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { ensureObject } from '../defaults/go-fields.js'
import { parseStored } from '../object-key.js'
import type { StoreContext } from '../store-context.js'

// The Priority admission plugin on a pod's create (k8s: plugin/pkg/admission/priority/admission.go):
// the pod's priority and preemption policy come from its PriorityClass, and a pod that names none
// gets 0 and PreemptLowerPriority. TODO(#7): a class marked globalDefault is not looked for yet.

const PRIORITY_CLASSES = 'scheduling.k8s.io/priorityclasses'

const refuse = (pod: KubeObject, message: string) =>
  forbidden(`pods "${pod.metadata.name ?? ''}" is forbidden: ${message}`, { name: pod.metadata.name ?? '', kind: 'pods' })

async function classOf(ctx: StoreContext, pod: KubeObject, name: string): Promise<{ value: number; preemptionPolicy: string }> {
  if (!name) return { value: 0, preemptionPolicy: 'PreemptLowerPriority' }
  const stored = await ctx.storage.get({ resource: PRIORITY_CLASSES, namespace: '', name })
  if (!stored) throw refuse(pod, `no PriorityClass with name ${name} was found`)
  const priorityClass = parseStored(stored)
  return { value: Number(priorityClass.value ?? 0), preemptionPolicy: String(priorityClass.preemptionPolicy ?? 'PreemptLowerPriority') }
}

export async function admitPriority(ctx: StoreContext, pod: KubeObject): Promise<void> {
  const spec = ensureObject(pod, 'spec')
  const { value, preemptionPolicy } = await classOf(ctx, pod, typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '')
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value) {
    throw refuse(pod, `the integer value of priority (${String(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`)
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== preemptionPolicy) {
    throw refuse(pod, `the string value of PreemptionPolicy (${String(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`)
  }
  spec.priority = value
  spec.preemptionPolicy = preemptionPolicy
}
