import { mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import type { Logger } from 'pino'
import type { Revision } from './api/resource-version.js'
import { CommitStream } from './commits/commit-stream.js'
import type { Config } from './config/config.js'
import { healthRouter } from './http/health-router.js'
import { ServerMetrics } from './http/metrics.js'
import { createHttpServer } from './http/server.js'
import { BUILTIN_RESOURCES } from './registry/builtin-resources.js'
import { NamespaceFinalizer } from './registry/namespaces/namespace-finalizer.js'
import { NamespaceIndex } from './registry/namespaces/namespace-index.js'
import { ResourceRegistry } from './registry/resource-registry.js'
import { seedNamespaces } from './registry/namespaces/seed-namespaces.js'
import { seedPriorityClasses } from './registry/priority-classes/seed-priority-classes.js'
import type { StoreContext } from './registry/store-context.js'
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js'
import { WatchHub } from './watch/watch-hub.js'
import { schemaCatalog } from './registry/schema-catalog.js'
import { openApiRouter } from './http/discovery/openapi-router.js'
import { historyRouter } from './http/history-router.js'
import { uiRouter } from './ui/ui-router.js'
import { startRetention } from './history/retention.js'
import { parseDuration } from './config/duration.js'
import { loadOrCreateCa } from './auth/tls/certificate-authority.js'
import { ServiceNetwork } from './registry/services/service-network.js'
import { NamespaceDefaults } from './registry/controllers/namespace-defaults.js'
import { ensureKubernetesService } from './registry/controllers/kubernetes-service.js'
import { databasePathIn } from './config/package-dir.js'
import { RbacIndex } from './auth/rbac/rbac-index.js'
import { RbacAuthorizer } from './auth/rbac/rbac-authorizer.js'
import { WatchAuthorization } from './auth/watch-authorization.js'
import { ClusterRoleAggregator } from './registry/rbac/cluster-role-aggregator.js'
import { seedRbacDefaults } from './registry/rbac/seed-rbac-defaults.js'

export interface App {
  /** listens on config.address:config.port; resolves with the bound port */
  listen(): Promise<number>
  close(): Promise<void>
  readonly server: Server
  /** drops history at or before `revision` now (retention does it on a schedule) */
  compact(revision: number): Promise<void>
  currentRevision(): number
}

const SHUTDOWN_GRACE_MS = 500

const databasePath = (dataDir: string) => {
  if (dataDir === ':memory:') return ':memory:'
  mkdirSync(dataDir, { recursive: true })
  return databasePathIn(dataDir)
}

/** The composition root: database → storage → commit stream → registry → watch hub → HTTP. */
export async function createApp(config: Readonly<Config>, log: Logger): Promise<App> {
  const commits = new CommitStream()
  const storage = new SqliteStorage({
    path: databasePath(config.dataDir),
    durability: config.durability,
    publisher: commits,
    // Called only after writes begin, by when metrics exists.
    onBatch: (size) => metrics.commitBatchWrites.observe(size),
  })
  const hub = new WatchHub(commits.commits$, storage, (error) => log.error({ err: error }, 'watcher failed'))
  const metrics = new ServerMetrics(hub)
  const registry = new ResourceRegistry(BUILTIN_RESOURCES)
  const schemas = schemaCatalog(registry)
  const namespaces = new NamespaceIndex(storage)
  const nowMs = () => Date.now()
  const serviceNetwork = new ServiceNetwork({ clusterIpRange: config.serviceClusterIpRange, nodePortRange: config.serviceNodePortRange, nowMs })
  serviceNetwork.loadFrom(storage)
  const rbac = await RbacIndex.load(storage)
  const authorizer = new RbacAuthorizer(rbac)
  // TODO(#9): the request pipeline authorizes with `authorizer` and follows each watch it starts with `watchAuthorization`.
  const watchAuthorization = new WatchAuthorization(authorizer, (error) => log.error({ err: error }, 'watch revocation failed'))
  const store: StoreContext = {
    storage,
    namespaces,
    serviceNetwork,
    validateObject: schemas.validateObject,
    typeDescriptionFor: schemas.typeDescriptionFor,
    nowMs,
    authorizer,
  }
  const ca = await loadOrCreateCa(config.dataDir === ':memory:' ? undefined : config.dataDir)
  const finalizer = new NamespaceFinalizer(store, registry, log.child({ module: 'namespace-finalizer' }))
  const namespaceDefaults = new NamespaceDefaults(store, registry, { caCertPem: ca.certPem, log: log.child({ module: 'namespace-defaults' }) })
  const aggregator = new ClusterRoleAggregator(store, registry, rbac, log.child({ module: 'cluster-role-aggregator' }))
  // In-process controllers, in order: the indexes they read are updated before they act.
  const controllerSubscription = commits.commits$.subscribe((commit) => {
    namespaces.onCommit(commit)
    serviceNetwork.onCommit(commit)
    rbac.onCommit(commit)
    aggregator.onCommit(commit)
    finalizer.onCommit(commit)
    namespaceDefaults.onCommit(commit)
  })
  await seedNamespaces(store, registry)
  await seedPriorityClasses(store, registry)
  await seedRbacDefaults(store, registry)
  await aggregator.sync()
  await namespaceDefaults.reconcileAll()
  finalizer.resumeTerminating()
  const retention = startRetention(storage, {
    retentionMs: parseDuration(config.historyRetention),
    keepRevisions: config.historyRevisions,
    intervalMs: config.compactionIntervalMs,
  }, log.child({ module: 'retention' }))
  let isReady = false
  const { server, closeUpgradedSockets } = createHttpServer({
    registry, store, hub, config, metrics, log,
    extraRouters: [openApiRouter(schemas), historyRouter(registry, storage), healthRouter(metrics, () => isReady), uiRouter()],
  })
  return {
    server,
    compact: (revision) => storage.compact(revision as Revision),
    currentRevision: () => storage.currentRevision(),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.address, () => {
          const address = server.address()
          const port = typeof address === 'object' && address ? address.port : config.port
          const ip = config.address === '0.0.0.0' || config.address === '::' ? '127.0.0.1' : config.address
          ensureKubernetesService(store, registry, { ip, port }).then(() => {
            isReady = true
            resolve(port)
          }, reject)
        })
      }),
    close: async () => {
      isReady = false
      retention.stop()
      controllerSubscription.unsubscribe()
      watchAuthorization.close()
      hub.endAll()
      closeUpgradedSockets()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        // Ended watch streams flush their last chunk; whatever is still open after a moment is cut.
        setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
      })
      hub.close()
      commits.close()
      await storage.close()
    },
  }
}
