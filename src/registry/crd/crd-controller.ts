import type { Logger } from 'pino'
import type { Revision } from '../../api/resource-version.js'
import type { Commit } from '../../commits/commit.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import type { Shape } from '../validation/schema-shape.js'
import { CrdFinalizer } from './crd-finalizer.js'
import { decideNames, type UsedNames } from './crd-names.js'
import { CrdStatusWriter } from './crd-status-writer.js'
import { CLEANUP_FINALIZER, CRD_STORAGE_RESOURCE, isConditionTrue, type CustomResourceDefinition } from './crd-types.js'
import { definitionsOfCrd } from './custom-resource-definitions.js'

/** One CRD as served: what it was built from, and the definitions it put in the registry. */
interface Installed {
  crd: CustomResourceDefinition
  /** spec, accepted names and deletion state the definitions were built from */
  builtFrom: string
  /** the schemas, to keep `schemaRevision` across changes that leave them alone */
  schemasJson: string
  schemaRevision: Revision
  definitions: readonly ResourceDefinition[]
  names: ReturnType<typeof decideNames>['names']
}

/**
 * Serves what CustomResourceDefinitions define (k8s: apiextensions-apiserver pkg/apiserver/
 * customresource_handler.go with the naming, establishing and finalizer controllers). It subscribes
 * to the commit stream, so a CRD's definitions are in the registry before the CRD's writer gets its
 * response: `kubectl apply -f crd.yaml && kubectl get crontabs` works. Status (accepted names,
 * NamesAccepted, Established) follows in its own write.
 */
export class CrdController {
  readonly #installed = new Map<string, Installed>()
  readonly #status: CrdStatusWriter
  readonly #finalizer: CrdFinalizer

  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly options: { objectMeta: () => Shape; log: Logger },
  ) {
    this.#status = new CrdStatusWriter(ctx, registry, options.log)
    this.#finalizer = new CrdFinalizer(ctx, registry, { status: this.#status, log: options.log })
  }

  onCommit(commit: Commit): void {
    if (commit.resource !== CRD_STORAGE_RESOURCE) return
    if (commit.type === 'DELETED') return this.#uninstall(commit.name)
    this.#sync(commit.object as CustomResourceDefinition, commit.revision)
  }

  /** serves every stored CRD; run before the server listens */
  async loadStored(): Promise<void> {
    const page = await this.ctx.storage.list({ resource: CRD_STORAGE_RESOURCE, limit: 100_000 })
    for (const row of page.objects) this.#sync(JSON.parse(row.json) as CustomResourceDefinition, row.revision)
  }

  #sync(crd: CustomResourceDefinition, revision: Revision): void {
    try {
      const installed = this.#install(crd, revision)
      // A read-only server (the as-of view) serves what the CRDs said then, and changes nothing.
      if (!this.ctx.writer) return
      const decision = decideNames(crd, this.#usedNames(crd))
      if (!crd.metadata.deletionTimestamp) {
        const wanted = { acceptedNames: decision.names, conditions: [decision.namesAccepted, decision.established] }
        if (this.#status.statusWith(crd, wanted)) void this.#status.write(crd.metadata.name!, wanted)
      } else if (crd.metadata.finalizers?.includes(CLEANUP_FINALIZER)) {
        this.#finalizer.finalize(crd, installed?.definitions ?? [], isConditionTrue(crd, 'Established'))
      }
    } catch (error) {
      this.options.log.error({ crd: crd.metadata.name, err: error }, 'crd install failed')
    }
  }

  /** (re)builds the CRD's definitions when its spec, names or deletion changed */
  #install(crd: CustomResourceDefinition, revision: Revision): Installed | undefined {
    const name = crd.metadata.name!
    const previous = this.#installed.get(name)
    const { names } = decideNames(crd, this.#usedNames(crd))
    const isTerminating = crd.metadata.deletionTimestamp !== undefined
    const builtFrom = JSON.stringify([crd.metadata.uid, crd.spec, names, isTerminating])
    if (previous?.builtFrom === builtFrom) {
      previous.crd = crd
      return previous
    }
    const schemasJson = JSON.stringify([crd.metadata.uid, crd.spec.versions.map((v) => v.schema)])
    const schemaRevision = previous?.schemasJson === schemasJson ? previous.schemaRevision : revision
    const isServable = Boolean(names.plural && names.kind)
    const definitions = isServable
      ? definitionsOfCrd(crd, { names: completeNames(names), schemaRevision, objectMeta: this.options.objectMeta, isTerminating })
      : []
    for (const d of previous?.definitions ?? []) this.registry.remove(d.group, d.version, d.plural)
    for (const d of definitions) this.registry.add(d)
    const installed: Installed = { crd, builtFrom, schemasJson, schemaRevision, definitions, names }
    this.#installed.set(name, installed)
    this.options.log.info({ crd: name, versions: definitions.map((d) => d.version) }, 'crd served')
    return installed
  }

  #uninstall(name: string): void {
    const previous = this.#installed.get(name)
    if (!previous) return
    for (const d of previous.definitions) this.registry.remove(d.group, d.version, d.plural)
    this.#installed.delete(name)
    this.options.log.info({ crd: name }, 'crd removed')
    // Its names are free again: the other CRDs of the group may now take theirs (naming_controller.go requeueAllOtherGroupCRDs).
    for (const other of this.#installed.values()) {
      if (other.crd.spec.group === previous.crd.spec.group) this.#sync(other.crd, Number(other.crd.metadata.resourceVersion ?? 0) as Revision)
    }
  }

  /** names other CRDs of the group hold, and the built-in kinds of the group */
  #usedNames(crd: CustomResourceDefinition): UsedNames {
    const resources = new Set<string>()
    const kinds = new Set<string>()
    for (const [name, other] of this.#installed) {
      if (name === crd.metadata.name || other.crd.spec.group !== crd.spec.group) continue
      const n = other.names
      for (const r of [n.plural, n.singular, ...(n.shortNames ?? [])]) if (r) resources.add(r)
      for (const k of [n.kind, n.listKind]) if (k) kinds.add(k)
    }
    for (const d of this.registry.definitions) {
      if (d.isCustom || d.group !== crd.spec.group) continue
      for (const r of [d.plural, d.singular, ...d.shortNames]) resources.add(r)
      kinds.add(d.kind).add(d.listKind)
    }
    return { resources, kinds }
  }
}

const completeNames = (n: ReturnType<typeof decideNames>['names']) => ({
  ...n,
  singular: n.singular ?? n.kind.toLowerCase(),
  listKind: n.listKind ?? `${n.kind}List`,
})
