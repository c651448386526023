import type { Logger } from 'pino'
import { isDeepStrictEqual } from 'node:util'
import type { ResourceRegistry } from '../resource-registry.js'
import { toTimestamp, type StoreContext } from '../store-context.js'
import { systemScope } from '../controllers/system-scope.js'
import { patchObject } from '../verbs/patch.js'
import { setCondition } from './crd-strategy.js'
import { CRD_GROUP, type CustomResourceDefinition, type CustomResourceDefinitionCondition, type CustomResourceDefinitionNames } from './crd-types.js'

/** The manager kube-apiserver's own controllers write CRD status as. */
export const CRD_CONTROLLER_MANAGER = 'kube-apiserver'

/** A status a controller wants a CRD to have: accepted names and conditions. */
export interface WantedStatus {
  acceptedNames?: CustomResourceDefinitionNames
  conditions: readonly CustomResourceDefinitionCondition[]
}

/**
 * Writes CRD status through the status subresource, as kube's naming, establishing and finalizer
 * controllers do (UpdateStatus), one write at a time per CRD and only when something differs.
 */
export class CrdStatusWriter {
  readonly #queues = new Map<string, Promise<void>>()

  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly log: Logger,
  ) {}

  /** the status `crd` would have with `wanted` applied; undefined when it already has it */
  statusWith(crd: CustomResourceDefinition, wanted: WantedStatus): CustomResourceDefinition['status'] | undefined {
    const next = structuredClone(crd) as CustomResourceDefinition
    if (wanted.acceptedNames) next.status = { ...next.status, acceptedNames: wanted.acceptedNames }
    const now = toTimestamp(this.ctx.nowMs())
    for (const condition of wanted.conditions) setCondition(next, condition, now)
    return isDeepStrictEqual(next.status, crd.status) ? undefined : next.status
  }

  /** queues a write of `wanted` onto the CRD as it stands when the write runs */
  write(name: string, wanted: WantedStatus): Promise<void> {
    const previous = this.#queues.get(name) ?? Promise.resolve()
    const next = previous.then(() => this.#write(name, wanted)).catch((error: unknown) => {
      this.log.warn({ crd: name, err: error }, 'crd status write failed')
    })
    this.#queues.set(name, next)
    void next.finally(() => {
      if (this.#queues.get(name) === next) this.#queues.delete(name)
    })
    return next
  }

  async #write(name: string, wanted: WantedStatus): Promise<void> {
    const definition = this.registry.find(CRD_GROUP, 'v1', 'customresourcedefinitions')!
    const stored = await this.ctx.storage.get({ resource: definition.storageResource, namespace: '', name })
    if (!stored) return
    const status = this.statusWith(JSON.parse(stored.json) as CustomResourceDefinition, wanted)
    if (!status) return
    const scope = { ...systemScope(definition, '', CRD_CONTROLLER_MANAGER), name, subresource: 'status' as const }
    await patchObject(this.ctx, scope, 'application/merge-patch+json', { status })
  }
}
