import type { KubeObject } from '../../api/types.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { ensureObject } from './ensure-object.js'

/** Where clients reach this server. */
export interface ApiServerEndpoint {
  /** an IP address clients can reach (the listen address; loopback when it listens on all) */
  ip: string
  port: number
}

const KUBERNETES = 'kubernetes'

/**
 * The `kubernetes` Service in `default`, on the first cluster IP, and its Endpoints naming this
 * server, as kube-apiserver keeps them (k8s: pkg/controlplane/controller/kubernetesservice).
 */
export async function ensureKubernetesService(ctx: StoreContext, registry: ResourceRegistry, endpoint: ApiServerEndpoint): Promise<void> {
  const service: KubeObject = {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: KUBERNETES, namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ctx.serviceNetwork.firstClusterIp,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: endpoint.port }],
      sessionAffinity: 'None',
    },
  }
  const endpoints: KubeObject = {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: KUBERNETES, namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: endpoint.ip }], ports: [{ name: 'https', port: endpoint.port, protocol: 'TCP' }] }],
  }
  await ensureObject(ctx, registry.find('', 'v1', 'services')!, service, 'kube-apiserver')
  await ensureObject(ctx, registry.find('', 'v1', 'endpoints')!, endpoints, 'kube-apiserver')
}
