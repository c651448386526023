import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { ensureObject } from '../controllers/ensure-object.js'
import { SYSTEM_PRIORITY_CLASSES } from './priority-class-strategy.js'

/**
 * The priority classes every cluster starts with: kube-apiserver's scheduling post-start hook
 * creates the missing ones (k8s: pkg/registry/scheduling/rest/storage_scheduling.go).
 */
export async function seedPriorityClasses(ctx: StoreContext, registry: ResourceRegistry): Promise<void> {
  const definition = registry.find('scheduling.k8s.io', 'v1', 'priorityclasses')!
  await Promise.all(SYSTEM_PRIORITY_CLASSES.map((pc) => ensureObject(ctx, definition, pc, 'kube-apiserver')))
}
