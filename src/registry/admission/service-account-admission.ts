import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { ensureObject, objectsIn } from '../defaults/go-fields.js'
import { randomString } from '../object-names.js'
import type { StoreContext } from '../store-context.js'

// The ServiceAccount admission plugin on a pod's create (k8s: plugin/pkg/admission/serviceaccount/
// admission.go): the pod runs as `default` unless it names an account, and unless the pod or its
// account opts out, every container and init container mounts a projected token volume.
// Unlike kube, a missing account is not refused: no token is issued here, and a namespace's
// `default` account may still be on its way when its first pod arrives.

const VOLUME_PREFIX = 'kube-api-access-'
/** DefaultAPITokenMountPath */
const MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and 7 s, so kubelets can tell the default apart */
const TOKEN_EXPIRATION_SECONDS = 3607
/** TokenVolumeSource: the token, the cluster's CA and the namespace. */
const tokenVolumeSource = () => ({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
})

/**
 * shouldAutomount: the pod's own setting wins over its account's; both unset means yes. The account
 * is looked up in the index kept from the commit stream, as kube's plugin reads its lister.
 */
function shouldAutomount(ctx: StoreContext, pod: KubeObject, spec: JsonObject): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken
  return ctx.serviceAccounts.find(pod.metadata.namespace ?? '', String(spec.serviceAccountName))?.automountToken !== false
}

/** mountServiceAccountToken: containers that mount nothing at the token path get the token volume. */
function mountToken(spec: JsonObject): void {
  const volumes = objectsIn(spec, 'volumes')
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(VOLUME_PREFIX))
  const name = (existing?.name as string | undefined) ?? `${VOLUME_PREFIX}${randomString(5)}`
  let isNeeded = false
  for (const container of [...objectsIn(spec, 'initContainers'), ...objectsIn(spec, 'containers')]) {
    if (objectsIn(container, 'volumeMounts').some((m) => m.mountPath === MOUNT_PATH)) continue
    container.volumeMounts = [...objectsIn(container, 'volumeMounts'), { name, readOnly: true, mountPath: MOUNT_PATH }]
    isNeeded = true
  }
  if (!existing && isNeeded) spec.volumes = [...volumes, { name, projected: tokenVolumeSource() }]
}

export function admitServiceAccount(ctx: StoreContext, pod: KubeObject): void {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return
  const spec = ensureObject(pod, 'spec')
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default'
  if (shouldAutomount(ctx, pod, spec)) mountToken(spec)
}
