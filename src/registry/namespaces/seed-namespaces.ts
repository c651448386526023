import type { KubeObject } from '../../api/types.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { ensureObject } from '../controllers/ensure-object.js'

const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

/** The namespaces every cluster starts with (kube-apiserver's system namespaces controller). */
export async function seedNamespaces(ctx: StoreContext, registry: ResourceRegistry): Promise<void> {
  const definition = registry.find('', 'v1', 'namespaces')!
  const existing = await Promise.all(INITIAL_NAMESPACES.map((name) => ctx.storage.get({ resource: 'namespaces', namespace: '', name })))
  const missing = INITIAL_NAMESPACES.filter((_, i) => !existing[i])
  await Promise.all(missing.map((name) => {
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }
    return ensureObject(ctx, definition, namespace, 'kube-apiserver')
  }))
}
