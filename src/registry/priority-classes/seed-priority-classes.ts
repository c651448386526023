import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { createObject } from '../verbs/create.js'
import { SYSTEM_PRIORITY_CLASSES } from './priority-class-strategy.js'

/**
 * The priority classes every cluster starts with: kube-apiserver's scheduling post-start hook
 * creates the missing ones (k8s: pkg/registry/scheduling/rest/storage_scheduling.go).
 */
export async function seedPriorityClasses(ctx: StoreContext, registry: ResourceRegistry): Promise<void> {
  const definition = registry.find('scheduling.k8s.io', 'v1', 'priorityclasses')!
  const missing = SYSTEM_PRIORITY_CLASSES.filter((pc) => !ctx.storage.get({ resource: definition.storageResource, namespace: '', name: pc.metadata.name! }))
  await Promise.all(missing.map((pc) =>
    createObject(ctx, { definition, namespace: '', isDryRun: false, fieldValidation: 'Ignore', fieldManager: 'kube-apiserver', warnings: [] }, { object: structuredClone(pc) }),
  ))
}
