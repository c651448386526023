import pino from 'pino'
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.js'
import { RbacIndex } from '../../auth/rbac/rbac-index.js'
import { CommitStream } from '../../commits/commit-stream.js'
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { systemScope } from '../controllers/system-scope.js'
import { NamespaceIndex } from '../namespaces/namespace-index.js'
import { ResourceRegistry } from '../resource-registry.js'
import { schemaCatalog } from '../schema-catalog.js'
import { ServiceNetwork } from '../services/service-network.js'
import { ServiceAccountIndex } from '../serviceaccounts/service-account-index.js'
import type { StoreContext } from '../store-context.js'
import { createObject } from '../verbs/create.js'
import { ClusterRoleAggregator } from './cluster-role-aggregator.js'
import { seedRbacDefaults } from './seed-rbac-defaults.js'

/**
 * The registry as the server composes it (app.ts), over real SQLite in memory: namespaces
 * `namespaces` created, the default roles seeded and aggregated. For tests of registry verbs
 * that need RBAC.
 */
export async function rbacStoreContext(namespaces: string[]): Promise<{ ctx: StoreContext; registry: ResourceRegistry; storage: SqliteStorage }> {
  const registry = new ResourceRegistry(BUILTIN_RESOURCES)
  const commits = new CommitStream()
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: commits })
  const rbac = new RbacIndex()
  const namespaceIndex = new NamespaceIndex()
  const serviceNetwork = new ServiceNetwork({ clusterIpRange: '10.96.0.0/12', nodePortRange: '30000-32767', nowMs: Date.now })
  const serviceAccounts = new ServiceAccountIndex()
  const schemas = schemaCatalog(registry)
  const ctx: StoreContext = {
    storage, writer: storage, namespaces: namespaceIndex, serviceNetwork, serviceAccounts, validateObject: schemas.validateObject,
    typeDescriptionFor: schemas.typeDescriptionFor, nowMs: Date.now, authorizer: new RbacAuthorizer(rbac),
  }
  const aggregator = new ClusterRoleAggregator(ctx, registry, rbac, pino({ level: 'silent' }))
  commits.commits$.subscribe((commit) => {
    namespaceIndex.onCommit(commit)
    serviceNetwork.onCommit(commit)
    serviceAccounts.onCommit(commit)
    rbac.onCommit(commit)
    aggregator.onCommit(commit)
  })
  await Promise.all([namespaceIndex.load(storage), serviceNetwork.load(storage), serviceAccounts.load(storage), rbac.load(storage)])
  const namespaceDefinition = registry.find('', 'v1', 'namespaces')!
  for (const name of namespaces) {
    await createObject(ctx, systemScope(namespaceDefinition, '', 'test'), { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })
  }
  await seedRbacDefaults(ctx, registry)
  await aggregator.sync()
  return { ctx, registry, storage }
}
