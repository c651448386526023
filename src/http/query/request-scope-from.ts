import type { IncomingMessage } from 'node:http'
import { badRequest } from '../../api/errors.js'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { RequestScope } from '../../registry/request-scope.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import { pathSegmentRule } from '../../registry/object-names.js'
import { parseWriteOptions } from './write-options.js'

/**
 * A name in the URL must be one path segment: kube's storage key functions refuse `.`, `..` and
 * names with `/` or `%` before any read (apiserver pkg/registry/generic/registry/store.go
 * NamespaceKeyFunc, NoNamespaceKeyFunc).
 */
function checkPathName(name: string | undefined): void {
  const problems = name === undefined ? [] : pathSegmentRule(name)
  if (problems.length > 0) throw badRequest(`Name parameter invalid: ${JSON.stringify(name)}: ${problems.join(';')}`)
}

/** The registry's view of a request, from its URL, query and headers. */
export function requestScopeFrom(
  req: IncomingMessage,
  query: URLSearchParams,
  info: ResourceRequestInfo,
  definition: ResourceDefinition,
): RequestScope {
  checkPathName(info.name)
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
