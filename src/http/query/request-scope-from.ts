import type { IncomingMessage } from 'node:http'
import { badRequest } from '../../api/errors.js'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { FieldValidation, RequestScope } from '../../registry/request-scope.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'

const FIELD_VALIDATION: Record<string, FieldValidation> = { strict: 'Strict', warn: 'Warn', ignore: 'Ignore' }

function parseFieldValidation(raw: string | null): FieldValidation {
  // kube-apiserver defaults to Warn when the client names no directive.
  if (raw === null || raw === '') return 'Warn'
  const mode = FIELD_VALIDATION[raw.toLowerCase()]
  if (!mode) throw badRequest(`fieldValidation must be one of Ignore, Warn or Strict, got ${JSON.stringify(raw)}`)
  return mode
}

function parseDryRun(values: string[]): boolean {
  for (const v of values) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`)
  return values.length > 0
}

/** The registry's view of a request, from its URL, query and headers. */
export function requestScopeFrom(
  req: IncomingMessage,
  query: URLSearchParams,
  info: ResourceRequestInfo,
  definition: ResourceDefinition,
): RequestScope {
  return {
    definition,
    namespace: definition.isNamespaced ? info.namespace : '',
    ...(info.name === undefined ? {} : { name: info.name }),
    ...(info.subresource === 'status' || info.subresource === 'scale' ? { subresource: info.subresource } : {}),
    isDryRun: parseDryRun(query.getAll('dryRun')),
    ...(query.get('fieldManager') ? { fieldManager: query.get('fieldManager')! } : {}),
    fieldValidation: parseFieldValidation(query.get('fieldValidation')),
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    warnings: [],
  }
}
