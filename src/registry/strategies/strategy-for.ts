import type { ResourceDefinition } from '../resource-definition.js'
import type { Strategy } from '../strategy.js'
import { namespaceStrategy } from './namespaces.js'
import { podStrategy } from './pods.js'
import { jobStrategy, workloadStrategy } from './workloads.js'

const STRATEGIES: Record<string, Strategy> = {
  namespaces: namespaceStrategy,
  pods: podStrategy,
  services: { nameRule: 'dns1035', prepareForCreate: (s) => void (s.status = { loadBalancer: {} }) },
  'apps/deployments': workloadStrategy,
  'apps/replicasets': workloadStrategy,
  'apps/statefulsets': workloadStrategy,
  'apps/daemonsets': workloadStrategy,
  'batch/jobs': jobStrategy,
}

const DEFAULT_STRATEGY: Strategy = {}

export function strategyFor(definition: ResourceDefinition): Strategy {
  const key = definition.group ? `${definition.group}/${definition.plural}` : definition.plural
  return STRATEGIES[key] ?? DEFAULT_STRATEGY
}
