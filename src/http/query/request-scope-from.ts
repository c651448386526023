import type { IncomingMessage } from 'node:http'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { RequestScope } from '../../registry/request-scope.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import { parseWriteOptions } from './write-options.js'

/** The registry's view of a request, from its URL, query and headers. */
export function requestScopeFrom(
  req: IncomingMessage,
  query: URLSearchParams,
  info: ResourceRequestInfo,
  definition: ResourceDefinition,
): RequestScope {
  const options = parseWriteOptions(query, info.verb)
  return {
    definition,
    namespace: definition.isNamespaced ? info.namespace : '',
    ...(info.name === undefined ? {} : { name: info.name }),
    ...(info.subresource === 'status' || info.subresource === 'scale' ? { subresource: info.subresource } : {}),
    isDryRun: options.isDryRun,
    ...(options.fieldManager ? { fieldManager: options.fieldManager } : {}),
    fieldValidation: options.fieldValidation,
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    warnings: [],
  }
}
