import type { Logger } from 'pino'
import type { Commit } from '../../commits/commit.js'
import { policyRuleJson, type PolicyRule } from '../../auth/rbac/policy-rule.js'
import { RBAC_GROUP, RBAC_RESOURCES, type RbacIndex } from '../../auth/rbac/rbac-index.js'
import { systemScope } from '../controllers/system-scope.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { applyObject } from '../verbs/apply.js'
import { aggregatedRules, isSameRuleList } from './aggregate-rules.js'

/** kube's controller applies as this field manager, with force (clusterroleaggregation_controller.go). */
const FIELD_MANAGER = 'clusterrole-aggregation-controller'
/** enough for admin ⊇ edit ⊇ view to settle, with room for user-made chains */
const MAX_PASSES = 8

/**
 * Keeps every aggregated ClusterRole's rules equal to the union of the roles its selectors
 * match, as kube's clusterroleaggregation controller does: any ClusterRole change queues a pass
 * over all aggregated roles (the set is small and the dependencies unknown, as kube reasons), and
 * changes arriving meanwhile queue one more pass, never several.
 */
export class ClusterRoleAggregator {
  #running: Promise<void> | undefined
  #isDirty = false

  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly index: RbacIndex,
    private readonly log: Logger,
  ) {}

  onCommit(commit: Commit): void {
    if (commit.resource === RBAC_RESOURCES.clusterRoles) void this.sync()
  }

  /** one pass now (or after the running one); resolves when the roles have settled */
  sync(): Promise<void> {
    this.#isDirty = true
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined
      // A change that came after the last pass had started its writes gets a pass of its own.
      if (this.#isDirty) void this.sync()
    })
    return this.#running
  }

  async #drain(): Promise<void> {
    for (let pass = 0; this.#isDirty; pass++) {
      if (pass === MAX_PASSES) {
        this.#isDirty = false
        this.log.warn({ passes: pass }, 'cluster role aggregation did not settle')
        return
      }
      this.#isDirty = false
      // Our own writes come back as commits and mark us dirty: the next pass sees their effect.
      await this.#pass()
    }
  }

  async #pass(): Promise<void> {
    const all = [...this.index.clusterRoles()]
    const stale = all.flatMap((role) => {
      if (role.clusterRoleSelectors === undefined) return []
      const rules = aggregatedRules(role, all)
      return rules && !isSameRuleList(rules, role.rules) ? [{ name: role.name, rules }] : []
    })
    await Promise.all(stale.map(({ name, rules }) => this.#apply(name, rules).catch((error: unknown) => {
      this.log.warn({ clusterRole: name, err: error }, 'cluster role aggregation failed')
    })))
  }

  #apply(name: string, rules: readonly PolicyRule[]): Promise<unknown> {
    const definition = this.registry.find(RBAC_GROUP, 'v1', 'clusterroles')!
    const config = { apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRole', metadata: { name }, ...(rules.length ? { rules: rules.map(policyRuleJson) } : {}) }
    return applyObject(this.ctx, { ...systemScope(definition, '', FIELD_MANAGER), name }, { config, force: true })
  }
}
