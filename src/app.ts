import { mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import type { Logger } from 'pino'
import type { Revision } from './api/resource-version.js'
import { CommitStream } from './commits/commit-stream.js'
import { postgresUrlOf, type Config } from './config/config.js'
import { healthRouter } from './http/health-router.js'
import { ServerMetrics } from './http/metrics.js'
import { FairSeats } from './http/limits/fair-seats.js'
import { WatchQuota } from './http/limits/watch-quota.js'
import { createHttpServer, LISTEN_BACKLOG } from './http/server.js'
import { BUILTIN_RESOURCES } from './registry/builtin-resources.js'
import { NamespaceFinalizer } from './registry/namespaces/namespace-finalizer.js'
import { NamespaceIndex } from './registry/namespaces/namespace-index.js'
import { ResourceRegistry } from './registry/resource-registry.js'
import { seedNamespaces } from './registry/namespaces/seed-namespaces.js'
import { seedPriorityClasses } from './registry/priority-classes/seed-priority-classes.js'
import type { StoreContext } from './registry/store-context.js'
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js'
import { ReadOnlyStorage } from './storage/sqlite/read-only-storage.js'
import type { PgReaderOptions } from './storage/postgres/pg-reader.js'
import type { Storage, StorageReader, StorageWriter } from './storage/storage.js'
import { openReadOnlyDatabase } from './cli/data-dir.js'
import { WatchHub } from './watch/watch-hub.js'
import { schemaCatalog } from './registry/schema-catalog.js'
import { openApiRouter } from './http/discovery/openapi-router.js'
import { historyRouter } from './http/history-router.js'
import { uiRouter } from './ui/ui-router.js'
import { startRetention } from './history/retention.js'
import { parseDuration } from './config/duration.js'
import type { CertificateAuthority } from './auth/tls/certificate-authority.js'
import type { ClusterPki } from './auth/tls/cluster-pki.js'
import { ServiceAccountIndex } from './registry/serviceaccounts/service-account-index.js'
import { composeSecurity } from './security.js'
import { ServiceNetwork } from './registry/services/service-network.js'
import { NamespaceDefaults } from './registry/controllers/namespace-defaults.js'
import { ensureKubernetesService } from './registry/controllers/kubernetes-service.js'
import { databasePathIn } from './config/package-dir.js'
import { RbacIndex } from './auth/rbac/rbac-index.js'
import { RbacAuthorizer } from './auth/rbac/rbac-authorizer.js'
import { WatchAuthorization } from './auth/watch-authorization.js'
import { ClusterRoleAggregator } from './registry/rbac/cluster-role-aggregator.js'
import { seedRbacDefaults } from './registry/rbac/seed-rbac-defaults.js'
import { CrdController } from './registry/crd/crd-controller.js'

export interface App {
  /** listens on config.address:config.port; resolves with the bound port */
  listen(): Promise<number>
  close(): Promise<void>
  readonly server: Server
  /** the CA, serving and admin certificates: what clients need to reach this server */
  readonly pki: ClusterPki
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

/** What the server runs on: a reader always; a writer (and retention) only over a data dir it owns. */
interface OpenedStorage {
  reader: StorageReader
  /** the same storage's writing side; absent for `serve --as-of`, which opens the data dir read-only */
  writable?: Storage
  close(): Promise<void>
}

interface StorageParts {
  config: Readonly<Config>
  commits: CommitStream
  onBatch(size: number): void
  onWalSync(seconds: number): void
  onWalRewindHold(seconds: number): void
  log: Logger
}

async function openStorage(parts: StorageParts): Promise<OpenedStorage> {
  const { config, commits, onBatch, onWalSync, onWalRewindHold, log } = parts
  const url = postgresUrlOf(config)
  if (url) return openPostgres(url, parts)
  // The past is only read: no seeding, no retention (it would compact what is shown), no namespace finalizer.
  if (config.asOf !== undefined) {
    const reader = new ReadOnlyStorage(openReadOnlyDatabase(config.dataDir))
    return { reader, close: () => reader.close() }
  }
  const storage = new SqliteStorage({
    path: databasePath(config.dataDir), durability: config.durability, publisher: commits, onBatch, onWalSync, onWalRewindHold,
    onCheckpointError: (message) => log.warn({ module: 'storage', error: message }, 'wal checkpoint failed'),
  })
  return { reader: storage, writable: storage, close: () => storage.close() }
}

/** One replica over a shared PostgreSQL log; the data dir keeps only the kubeconfig and the CA. */
async function openPostgres(url: string, { config, commits, onBatch, log }: StorageParts): Promise<OpenedStorage> {
  if (config.dataDir !== ':memory:') mkdirSync(config.dataDir, { recursive: true })
  const options: PgReaderOptions = {
    url,
    pollIntervalMs: config.postgresPollMs,
    isListening: config.postgresListen !== 'off',
    maxConnections: config.postgresMaxConnections,
    log: log.child({ module: 'postgres' }),
  }
  // The PostgreSQL driver is loaded by replicas only: the SQLite default starts without it.
  const { PgReader, PgStorage } = await import('./storage/postgres/pg-storages.js')
  if (config.asOf !== undefined) {
    const reader = await PgReader.open(options)
    return { reader, close: () => reader.close() }
  }
  const storage = await PgStorage.open({ ...options, publisher: commits, partitionRevisions: config.postgresPartitionRevisions, onBatch })
  return { reader: storage, writable: storage, close: () => storage.close() }
}

/** The composition root: database → storage → commit stream → registry → watch hub → HTTP. */
export async function createApp(config: Readonly<Config>, log: Logger): Promise<App> {
  const commits = new CommitStream()
  // Called only after writes begin, by when metrics exists.
  const storage = await openStorage({
    config, commits, log,
    onBatch: (size) => metrics.commitBatchWrites.observe(size),
    onWalSync: (seconds) => metrics.walFsyncSeconds.observe(seconds),
    onWalRewindHold: (seconds) => metrics.walRewindHoldSeconds.observe(seconds),
  })
  const { reader, writable } = storage
  if (writable) await checkSnapshotAtStart(writable, log.child({ module: 'storage' }))
  const hub = new WatchHub(commits.commits$, reader, (error) => log.error({ err: error }, 'watcher failed'))
  const metrics = new ServerMetrics(hub)
  const registry = new ResourceRegistry(BUILTIN_RESOURCES)
  const schemas = schemaCatalog(registry)
  const namespaces = new NamespaceIndex()
  const nowMs = () => Date.now()
  const serviceNetwork = new ServiceNetwork({ clusterIpRange: config.serviceClusterIpRange, nodePortRange: config.serviceNodePortRange, nowMs })
  const rbac = new RbacIndex()
  // The indexes writes (and authorization) consult, kept from the commit stream (read-only servers keep them too).
  const serviceAccounts = new ServiceAccountIndex()
  const indexSubscription = commits.commits$.subscribe((commit) => {
    namespaces.onCommit(commit)
    serviceNetwork.onCommit(commit)
    serviceAccounts.onCommit(commit)
    rbac.onCommit(commit)
  })
  await Promise.all([namespaces.load(reader), serviceNetwork.load(reader), serviceAccounts.load(reader), rbac.load(reader)])
  const authorizer = new RbacAuthorizer(rbac)
  // Every admitted request is judged by `authorizer`, and each watch it allows followed by `watchAuthorization`.
  const watchAuthorization = new WatchAuthorization(authorizer, (error) => log.error({ err: error }, 'watch revocation failed'))
  const security = await composeSecurity({ config, storage: reader, serviceAccounts, firstClusterIp: serviceNetwork.firstClusterIp, authorizer, log })
  const { pki } = security
  const store: StoreContext = {
    storage: reader,
    ...(writable ? { writer: writable } : {}),
    namespaces,
    serviceNetwork,
    serviceAccounts,
    validateObject: schemas.validateObject,
    typeDescriptionFor: schemas.typeDescriptionFor,
    nowMs,
    tokenIssuer: security.serviceAccountTokens,
    authorizer,
  }
  // What stored CRDs define is served before anything else runs (read-only servers too: the past
  // has custom kinds); a CRD written later is served before its writer's response goes out.
  const crds = new CrdController(store, registry, { objectMeta: schemas.objectMetaShape, log: log.child({ module: 'crd-controller' }) })
  await crds.loadStored()
  const crdSubscription = commits.commits$.subscribe((commit) => crds.onCommit(commit))
  const background = writable ? await startBackgroundWork({ config, store, registry, commits, storage: writable, rbac, ca: pki.ca, log }) : undefined
  let isReady = false
  const { server, closeUpgradedSockets } = createHttpServer({
    registry, store, hub, config, metrics, log, watchAuthorization,
    fairSeats: new FairSeats({ seats: config.maxRequestsInflight, queuedPerUser: config.maxQueuedRequestsPerUser, queueWaitMs: config.requestQueueWaitMs }),
    watchQuota: new WatchQuota(config.maxWatchesPerUser),
    door: security.door,
    auditLog: security.auditLog,
    tls: config.insecureHttp ? undefined : { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.clientCaPem },
    extraRouters: [openApiRouter(schemas), historyRouter(registry, reader, authorizer), healthRouter(metrics, () => isReady), uiRouter()],
  })
  return {
    server,
    pki,
    compact: (revision) => (writable ? writable.compact(revision as Revision) : Promise.reject(new Error('serve --as-of is read-only: nothing is compacted'))),
    currentRevision: () => reader.currentRevision(),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen({ port: config.port, host: config.address, backlog: LISTEN_BACKLOG }, () => {
          const address = server.address()
          const port = typeof address === 'object' && address ? address.port : config.port
          const ip = config.address === '0.0.0.0' || config.address === '::' ? '127.0.0.1' : config.address
          // A read-only (as-of) server shows the past as it was: nothing is reconciled into it.
          const reconciled = writable ? ensureKubernetesService(store, registry, { ip, port }) : Promise.resolve()
          reconciled.then(() => {
            isReady = true
            resolve(port)
          }, reject)
        })
      }),
    close: async () => {
      isReady = false
      background?.stop()
      indexSubscription.unsubscribe()
      watchAuthorization.close()
      crdSubscription.unsubscribe()
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
      await security.close()
    },
  }
}

/**
 * The storage's startup self-check (ADR 0016), before anything reads: silent when the snapshot
 * agrees with the log's tail, an error and a rebuild from the log when it does not.
 */
async function checkSnapshotAtStart(storage: Storage, log: Logger): Promise<void> {
  const check = await storage.checkSnapshot()
  const fields = { checkedLogRows: check.checkedLogRows, checkedSnapshotRows: check.checkedSnapshotRows, ms: Math.round(check.elapsedMs) }
  if (!check.isRebuilt) return void log.debug(fields, 'snapshot agrees with log')
  log.error({ ...fields, mismatches: check.mismatches }, 'snapshot disagrees with log')
  log.warn({ objects: check.rebuiltObjects }, 'snapshot rebuilt from log')
}

/**
 * What a writing server does besides answering requests: the system namespaces, the default
 * RBAC policy and ClusterRole aggregation, the namespace finalizer, retention.
 */
async function startBackgroundWork(parts: {
  config: Readonly<Config>
  store: StoreContext
  registry: ResourceRegistry
  commits: CommitStream
  storage: StorageReader & StorageWriter
  rbac: RbacIndex
  ca: CertificateAuthority
  log: Logger
}): Promise<{ stop(): void }> {
  const { config, store, registry, commits, log } = parts
  const finalizer = new NamespaceFinalizer(store, registry, log.child({ module: 'namespace-finalizer' }))
  const namespaceDefaults = new NamespaceDefaults(store, registry, { caCertPem: parts.ca.certPem, log: log.child({ module: 'namespace-defaults' }) })
  const aggregator = new ClusterRoleAggregator(store, registry, parts.rbac, log.child({ module: 'cluster-role-aggregator' }))
  const controllerSubscription = commits.commits$.subscribe((commit) => {
    aggregator.onCommit(commit)
    finalizer.onCommit(commit)
    namespaceDefaults.onCommit(commit)
  })
  // Independent seeds share group commits; what reads them (the aggregator reads the seeded roles,
  // namespace defaults the seeded namespaces) follows.
  await Promise.all([seedNamespaces(store, registry), seedPriorityClasses(store, registry), seedRbacDefaults(store, registry)])
  await Promise.all([aggregator.sync(), namespaceDefaults.reconcileAll()])
  await finalizer.resumeTerminating()
  const retention = startRetention(parts.storage, {
    retentionMs: parseDuration(config.historyRetention),
    keepRevisions: config.historyRevisions,
    intervalMs: config.compactionIntervalMs,
  }, log.child({ module: 'retention' }))
  return {
    stop: () => {
      retention.stop()
      controllerSubscription.unsubscribe()
    },
  }
}
