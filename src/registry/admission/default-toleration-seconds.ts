import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { ensureObject, objectsIn } from '../defaults/go-fields.js'

// The DefaultTolerationSeconds admission plugin (k8s: plugin/pkg/admission/defaulttolerationseconds/
// admission.go): a pod that does not tolerate a not-ready or unreachable node on its own is evicted
// from one after 300 s (--default-not-ready-toleration-seconds, --default-unreachable-toleration-seconds).

const TOLERATION_SECONDS = 300
const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']

/** A toleration of the taint's key (or of every key) for NoExecute (or every effect). */
const tolerates = (tolerations: readonly JsonObject[], key: string) =>
  tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))

export function addDefaultTolerations(pod: KubeObject): void {
  const spec = ensureObject(pod, 'spec')
  const tolerations = objectsIn(spec, 'tolerations')
  const missing = TAINTS.filter((key) => !tolerates(tolerations, key))
  if (missing.length === 0) return
  spec.tolerations = [...tolerations, ...missing.map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: TOLERATION_SECONDS }))]
}
