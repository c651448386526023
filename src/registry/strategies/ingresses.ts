import { goValue, immutableField, invalidField, requiredField, unsupportedField } from '../../api/field-errors.js'
import { valueAt } from '../../api/selectors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { isSet, items, text } from '../printers/fields.js'
import { defaultIngressClass } from '../defaults/networking-defaults.js'
import type { Strategy } from '../strategy.js'
import { initialStatus } from './initial-status.js'

// Ingresses and ingress classes (k8s: pkg/apis/networking/validation/validation.go, the required
// parts; pkg/registry/networking/ingress/strategy.go resets status on create).

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix']

/** validateIngressBackend: a service with a name and a port (name or number), or a resource. */
function backendCauses(backend: unknown, path: string): StatusCause[] {
  const hasService = isSet(backend, 'service')
  const hasResource = isSet(backend, 'resource')
  if (hasService && hasResource) return [invalidField(path, '""', 'cannot set both resource and service backends')]
  if (hasResource) return []
  if (!hasService) return [invalidField(path, '""', 'resource or service backend is required')]
  const causes = text(backend, 'service.name') ? [] : [requiredField(`${path}.service.name`)]
  const hasPortName = text(backend, 'service.port.name') !== ''
  const portNumber = valueAt(backend, 'service.port.number')
  const hasPortNumber = typeof portNumber === 'number' && portNumber !== 0
  if (hasPortName && hasPortNumber) causes.push(invalidField(path, '""', 'cannot set both port name & port number'))
  else if (!hasPortName && !hasPortNumber) causes.push(requiredField(path, 'port name or number is required'))
  return causes
}

/** validateHTTPIngressPath: a path type, an absolute path for Exact and Prefix, a backend. */
function httpPathCauses(httpPath: unknown, path: string): StatusCause[] {
  if (!isSet(httpPath, 'pathType')) return [requiredField(`${path}.pathType`, 'pathType must be specified')]
  const pathType = text(httpPath, 'pathType')
  const value = text(httpPath, 'path')
  const causes: StatusCause[] = []
  if (!PATH_TYPES.includes(pathType)) causes.push(unsupportedField(`${path}.pathType`, pathType, PATH_TYPES))
  else if ((pathType !== 'ImplementationSpecific' || value !== '') && !value.startsWith('/')) {
    causes.push(invalidField(`${path}.path`, goValue(value), 'must be an absolute path'))
  }
  return [...causes, ...backendCauses(valueAt(httpPath, 'backend'), `${path}.backend`)]
}

function ruleCauses(rule: unknown, path: string): StatusCause[] {
  if (!isSet(rule, 'http')) return []
  const paths = items(rule, 'http.paths')
  if (paths.length === 0) return [requiredField(`${path}.http.paths`)]
  return paths.flatMap((p, i) => httpPathCauses(p, `${path}.http.paths[${i}]`))
}

/** ValidateIngressSpec: rules or a default backend, and each of them whole. */
function ingressCauses(ingress: KubeObject): StatusCause[] {
  const rules = items(ingress, 'spec.rules')
  const hasDefault = isSet(ingress, 'spec.defaultBackend')
  if (rules.length === 0 && !hasDefault) {
    const rendered = isSet(ingress, 'spec.rules') ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'
    return [invalidField('spec', rendered, 'either `defaultBackend` or `rules` must be specified')]
  }
  return [
    ...(hasDefault ? backendCauses(valueAt(ingress, 'spec.defaultBackend'), 'spec.defaultBackend') : []),
    ...rules.flatMap((r, i) => ruleCauses(r, `spec.rules[${i}]`)),
  ]
}

export const ingressStrategy: Strategy = { ...initialStatus({ loadBalancer: {} }), validate: ingressCauses }

/** validation.IsDomainPrefixedPath of spec.controller: `example.com/name`. */
function ingressClassCauses(ingressClass: KubeObject): StatusCause[] {
  const controller = text(ingressClass, 'spec.controller')
  if (controller === '') return [requiredField('spec.controller')]
  const [domain = '', rest = ''] = controller.split(/\/(.*)/s)
  if (domain === '' || rest === '') return [invalidField('spec.controller', goValue(controller), 'must be a domain-prefixed path (such as "acme.io/foo")')]
  return []
}

export const ingressClassStrategy: Strategy = {
  applyDefaults: defaultIngressClass,
  validate: ingressClassCauses,
  validateUpdate: (next, current) =>
    text(next, 'spec.controller') === text(current, 'spec.controller') ? [] : [immutableField('spec.controller', goValue(text(next, 'spec.controller')))],
}
