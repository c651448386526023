import { hostname } from 'node:os'
import type { Logger } from 'pino'
import type { KubeObject } from './api/types.js'
import type { TokenAuthenticator } from './auth/authentication/authentication.js'
import { RequestAuthenticator } from './auth/authentication/request-authenticator.js'
import { DELETION_LEEWAY_MS, ServiceAccountTokens, type BoundObjectLookup } from './auth/authentication/service-account-tokens.js'
import { TokenFile } from './auth/authentication/token-file.js'
import type { Authorizer } from './auth/authorization-attributes.js'
import { UI_PATHS } from './auth/public-paths.js'
import { loadOrCreatePki, type ClusterPki } from './auth/tls/cluster-pki.js'
import { ADMIN_GROUP } from './auth/tls/cluster-pki.js'
import type { Config } from './config/config.js'
import { AuditLog } from './http/audit/audit-log.js'
import { RequestDoor } from './http/pipeline/request-door.js'
import type { ServiceAccountIndex } from './registry/serviceaccounts/service-account-index.js'
import type { StorageReader } from './storage/storage.js'

/** kube's defaults where kubeadm and kind set them: the issuer, and the only API audience, of ServiceAccount tokens. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local'

/** What the server secures itself with, built once at start. */
export interface Security {
  pki: ClusterPki
  door: RequestDoor
  serviceAccountTokens: ServiceAccountTokens
  auditLog: AuditLog | undefined
  close(): Promise<void>
}

/** The serving certificate's names: loopback, this host, the `kubernetes` Service's names and cluster IP, and --tls-san. */
export function servingNames(config: Readonly<Config>, firstClusterIp: string): string[] {
  const serviceNames = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']
  const bound = ['0.0.0.0', '::'].includes(config.address) ? [] : [config.address]
  return [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...serviceNames, firstClusterIp, ...bound, ...config.tlsSan])]
}

/** Whether the objects a ServiceAccount token names still exist: accounts from the index, pods and secrets read. */
function boundObjectLookup(accounts: ServiceAccountIndex, storage: StorageReader): BoundObjectLookup {
  const isGone = (deletingSinceMs: number | undefined) => deletingSinceMs !== undefined && deletingSinceMs < Date.now() - DELETION_LEEWAY_MS
  return (kind, namespace, name) => {
    if (kind === 'ServiceAccount') {
      const account = accounts.find(namespace, name)
      return account && !isGone(account.deletingSinceMs) ? account.uid : undefined
    }
    return storage.get({ resource: kind === 'Pod' ? 'pods' : 'secrets', namespace, name }).then((stored) => {
      const metadata = stored && (JSON.parse(stored.json) as KubeObject).metadata
      const deletion = metadata?.deletionTimestamp
      return metadata && !isGone(deletion ? Date.parse(deletion) : undefined) ? metadata.uid : undefined
    })
  }
}

/**
 * TLS, authentication, authorization and audit (docs/decisions/0017-tls-and-authentication.md).
 * Over plain HTTP no client certificate can be shown and kubectl sends no token, so there, with
 * --anonymous-auth, the anonymous user is a cluster admin: the one-command dev loop.
 */
export async function composeSecurity(parts: {
  config: Readonly<Config>
  storage: StorageReader
  serviceAccounts: ServiceAccountIndex
  firstClusterIp: string
  /** RBAC: every admitted request is judged by it */
  authorizer: Authorizer
  log: Logger
}): Promise<Security> {
  const { config, log } = parts
  const pki = await loadOrCreatePki({
    dataDir: config.dataDir === ':memory:' ? undefined : config.dataDir,
    subjectAltNames: servingNames(config, parts.firstClusterIp),
    servingFiles: config.tlsCertFile && config.tlsPrivateKeyFile ? { certFile: config.tlsCertFile, keyFile: config.tlsPrivateKeyFile } : undefined,
    clientCaFile: config.clientCaFile,
  })
  const serviceAccountTokens = new ServiceAccountTokens({
    signingKeyPem: pki.serviceAccountKeyPem, issuer: SERVICE_ACCOUNT_ISSUER, apiAudiences: [SERVICE_ACCOUNT_ISSUER],
    lookup: boundObjectLookup(parts.serviceAccounts, parts.storage),
  })
  const tokens: TokenAuthenticator[] = [...(config.tokenAuthFile ? [TokenFile.read(config.tokenAuthFile)] : []), serviceAccountTokens]
  const authenticator = new RequestAuthenticator({
    tokens,
    anonymous: { isEnabled: config.anonymousAuth, openPaths: UI_PATHS, extraGroups: config.insecureHttp && config.anonymousAuth ? [ADMIN_GROUP] : [] },
  })
  const door = new RequestDoor({ authenticator, authorizer: parts.authorizer, storage: parts.storage, asOf: config.asOf })
  const auditLog = config.auditLogPath ? new AuditLog(config.auditLogPath, log.child({ module: 'audit' })) : undefined
  return { pki, door, serviceAccountTokens, auditLog, close: async () => auditLog?.close() }
}
