import type { Logger } from 'pino'
import type { ResourceRegistry } from '../resource-registry.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { StoreContext } from '../store-context.js'
import { systemScope } from '../controllers/system-scope.js'
import { MATCH_ALL } from '../object-filter.js'
import { deleteCollection } from '../verbs/delete-collection.js'
import { patchObject } from '../verbs/patch.js'
import { CRD_CONTROLLER_MANAGER, type CrdStatusWriter } from './crd-status-writer.js'
import { CLEANUP_FINALIZER, CRD_GROUP, type CustomResourceDefinition } from './crd-types.js'

const RETRY_MS = 1000

/**
 * kube's CRD finalizer, in-process (k8s: apiextensions-apiserver pkg/controller/finalizer/crd_finalizer.go):
 * a deleting CRD is marked InstanceDeletionInProgress, every custom resource of it is deleted, and
 * once none is left the finalizer goes, which deletes the CRD (and its definitions with it).
 */
export class CrdFinalizer {
  readonly #inProgress = new Set<string>()

  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly options: { status: CrdStatusWriter; log: Logger },
  ) {}

  /** starts finalizing a CRD marked for deletion; a second call while it runs does nothing */
  finalize(crd: CustomResourceDefinition, served: readonly ResourceDefinition[], wasEstablished: boolean): void {
    const name = crd.metadata.name!
    if (this.#inProgress.has(name)) return
    this.#inProgress.add(name)
    void this.#run(name, served, wasEstablished).finally(() => this.#inProgress.delete(name))
  }

  async #run(name: string, served: readonly ResourceDefinition[], wasEstablished: boolean): Promise<void> {
    const status = this.options.status
    await status.write(name, { conditions: [{ type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' }] })
    const definition = served[0]
    if (definition && wasEstablished) {
      while (!(await this.#deleteAll(definition))) await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
      await status.write(name, { conditions: [{ type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' }] })
    } else {
      await status.write(name, { conditions: [{ type: 'Terminating', status: 'False', reason: 'NeverEstablished', message: 'resource was never established' }] })
    }
    await this.#removeFinalizer(name)
  }

  /** deletes every custom resource of the CRD; true once none is left */
  async #deleteAll(definition: ResourceDefinition): Promise<boolean> {
    try {
      const results = await deleteCollection(this.ctx, systemScope(definition, '', CRD_CONTROLLER_MANAGER), { filter: MATCH_ALL }, {})
      return results.every((r) => r.isGone)
    } catch (error) {
      this.options.log.warn({ resource: definition.storageResource, err: error }, 'custom resource cleanup failed')
      return false
    }
  }

  async #removeFinalizer(name: string): Promise<void> {
    const definition = this.registry.find(CRD_GROUP, 'v1', 'customresourcedefinitions')!
    const stored = await this.ctx.storage.get({ resource: definition.storageResource, namespace: '', name })
    if (!stored) return
    const crd = JSON.parse(stored.json) as CustomResourceDefinition
    const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER)
    const scope = { ...systemScope(definition, '', CRD_CONTROLLER_MANAGER), name }
    await patchObject(this.ctx, scope, 'application/merge-patch+json', { metadata: { finalizers: finalizers.length ? finalizers : null } })
      .catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)))
  }
}
