import type { Logger } from 'pino'
import type { KubeObject } from '../../api/types.js'
import type { Commit } from '../../commits/commit.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { ensureObject } from './ensure-object.js'
import { readEveryObject } from '../indexes/read-every-object.js'

const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt'
const DEFAULT_SERVICE_ACCOUNT = 'default'
const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

/**
 * What every namespace holds from the moment it exists: the `default` ServiceAccount (kube's
 * serviceaccounts controller, pkg/controller/serviceaccount) and the `kube-root-ca.crt` ConfigMap
 * with the cluster CA (the root-ca-cert-publisher, pkg/controller/certificates/rootcacertpublisher).
 * Both come back when deleted, as kube's controllers bring them back.
 */
export class NamespaceDefaults {
  constructor(
    private readonly ctx: StoreContext,
    private readonly registry: ResourceRegistry,
    private readonly options: { caCertPem: string; log: Logger },
  ) {}

  /** the namespaces that exist at start */
  async reconcileAll(): Promise<void> {
    const names: string[] = []
    for await (const row of readEveryObject(this.ctx.storage, 'namespaces')) names.push(row.key.name)
    await Promise.all(names.map((name) => this.#ensure(name)))
  }

  onCommit(commit: Commit): void {
    const isNewNamespace = commit.resource === 'namespaces' && commit.type === 'ADDED'
    const isDefaultAccountGone = commit.resource === 'serviceaccounts' && commit.type === 'DELETED' && commit.name === DEFAULT_SERVICE_ACCOUNT
    const isRootCaGone = commit.resource === 'configmaps' && commit.type === 'DELETED' && commit.name === ROOT_CA_CONFIGMAP
    if (isNewNamespace) void this.#ensure(commit.name)
    else if (isDefaultAccountGone || isRootCaGone) void this.#ensure(commit.namespace)
  }

  async #ensure(namespace: string): Promise<void> {
    if (this.ctx.namespaces.phaseOf(namespace) !== 'Active') return
    try {
      await Promise.all([
        ensureObject(this.ctx, this.registry.find('', 'v1', 'serviceaccounts')!, this.#serviceAccount(namespace), 'kube-controller-manager'),
        ensureObject(this.ctx, this.registry.find('', 'v1', 'configmaps')!, this.#rootCa(namespace), 'kube-controller-manager'),
      ])
    } catch (error) {
      this.options.log.warn({ namespace, err: error }, 'namespace defaults failed')
    }
  }

  #serviceAccount(namespace: string): KubeObject {
    return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } }
  }

  #rootCa(namespace: string): KubeObject {
    return {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
      data: { 'ca.crt': this.options.caCertPem },
    }
  }
}
