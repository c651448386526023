import type { IncomingMessage } from 'node:http'
import { badRequest } from '../../api/errors.js'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { RequestScope } from '../../registry/request-scope.js'
import { parseFieldValidation } from '../../registry/validation/field-validation.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import { pathSegmentRule } from '../../registry/object-names.js'

const OPTIONS_KIND: Partial<Record<ResourceRequestInfo['verb'], string>> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' }

function parseDryRun(values: string[]): boolean {
  for (const v of values) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`)
  return values.length > 0
}

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
  return {
    definition,
    namespace: definition.isNamespaced ? info.namespace : '',
    ...(info.name === undefined ? {} : { name: info.name }),
    ...(info.subresource === 'status' || info.subresource === 'scale' ? { subresource: info.subresource } : {}),
    isDryRun: parseDryRun(query.getAll('dryRun')),
    ...(query.get('fieldManager') ? { fieldManager: query.get('fieldManager')! } : {}),
    fieldValidation: parseFieldValidation(query.get('fieldValidation') ?? undefined, OPTIONS_KIND[info.verb]),
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    warnings: [],
  }
}
