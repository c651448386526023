import type { Logger } from 'pino'
import type { Commit } from '../../commits/commit.js'
import type { KubeObject } from '../../api/types.js'
import { MATCH_ALL } from '../object-filter.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { deleteCollection } from '../verbs/delete-collection.js'
import { patchObject } from '../verbs/patch.js'
import { systemScope } from '../controllers/system-scope.js'
import { readEveryObject } from '../indexes/read-every-object.js'

const RETRY_MS = 1000
const NAMESPACE_CONTROLLER = 'namespace-controller'

/**
 * The namespace controller's job, in-process: once a namespace is Terminating, delete everything
 * in it, then remove its `kubernetes` finalizer so it goes away (k8s: pkg/controller/namespace).
 */
export class NamespaceFinalizer {
  readonly #inProgress = new Set<string>()

  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly log: Logger,
  ) {}

  /** watches the commit stream for namespaces that start terminating */
  onCommit(commit: Commit): void {
    if (commit.resource !== 'namespaces' || commit.type === 'DELETED') return
    if (commit.object.metadata.deletionTimestamp) this.finalize(commit.object)
  }

  /** a namespace left Terminating by a stop is finished after the restart */
  async resumeTerminating(): Promise<void> {
    for await (const row of readEveryObject(this.ctx.storage, 'namespaces')) {
      const namespace = JSON.parse(row.json) as KubeObject
      if (namespace.metadata.deletionTimestamp) this.finalize(namespace)
    }
  }

  finalize(namespace: KubeObject): void {
    const name = namespace.metadata.name!
    if (this.#inProgress.has(name)) return
    this.#inProgress.add(name)
    void this.#run(name).finally(() => this.#inProgress.delete(name))
  }

  async #run(name: string): Promise<void> {
    for (;;) {
      try {
        if (await this.#emptyNamespace(name)) return await this.#removeFinalizer(name)
      } catch (error) {
        this.log.warn({ namespace: name, err: error }, 'namespace cleanup failed')
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }

  async #emptyNamespace(name: string): Promise<boolean> {
    let isEmpty = true
    for (const definition of this.registry.namespaced()) {
      const scope = systemScope(definition, name, NAMESPACE_CONTROLLER)
      const results = await deleteCollection(this.ctx, scope, { filter: MATCH_ALL }, {})
      if (results.some((r) => !r.isGone)) isEmpty = false
    }
    return isEmpty
  }

  async #removeFinalizer(name: string): Promise<void> {
    const definition = this.registry.find('', 'v1', 'namespaces')!
    const scope = { ...systemScope(definition, '', NAMESPACE_CONTROLLER), name }
    const patch = { spec: { finalizers: null }, metadata: { finalizers: null } }
    await patchObject(this.ctx, scope, 'application/merge-patch+json', patch)
      .catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)))
  }
}
