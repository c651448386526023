import type { KubeObject } from '../../api/types.js'
import type { StoreContext } from '../store-context.js'
import { addDefaultTolerations } from './default-toleration-seconds.js'
import { admitPriority } from './priority-admission.js'
import { admitServiceAccount } from './service-account-admission.js'

/**
 * kube-apiserver 1.32's default mutating admission plugins that change a new pod, in the order of
 * its plugin list (k8s: pkg/kubeapiserver/options/plugins.go): ServiceAccount, Priority,
 * DefaultTolerationSeconds. LimitRanger is left out: watchplane applies no LimitRange defaults yet.
 */
export async function admitPod(pod: KubeObject, ctx: StoreContext): Promise<void> {
  admitServiceAccount(ctx, pod)
  await admitPriority(ctx, pod)
  addDefaultTolerations(pod)
}
