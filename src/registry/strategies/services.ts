import type { Strategy } from '../strategy.js'

// Service names are DNS-1035 labels; status starts with an empty loadBalancer (k8s: pkg/registry/core/service/strategy.go).
export const serviceStrategy: Strategy = {
  nameRule: 'dns1035',
  prepareForCreate: (service) => void (service.status = { loadBalancer: {} }),
}
