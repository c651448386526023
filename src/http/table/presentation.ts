import { badRequest } from '../../api/errors.js'
import { queryString } from '../../api/query-params.js'
import type { IncludeObject } from '../../registry/printers/to-table.js'

export type { IncludeObject }

/** How a read answers: the objects themselves, or a server-side Table (kubectl get). */
export type Presentation = { type: 'object' } | { type: 'table'; includeObject: IncludeObject }

/** kubectl asks for a Table in its Accept list (`application/json;as=Table;v=v1;g=meta.k8s.io,…`). */
const wantsTable = (accept: string | undefined): boolean =>
  accept !== undefined && accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim())
    return params.includes('as=Table') && params.includes('g=meta.k8s.io')
  })

/** How a read answers: a Table when asked for (its includeObject checked only then), else the objects. */
export function negotiatePresentation(accept: string | undefined, query: URLSearchParams): Presentation {
  if (!wantsTable(accept)) return { type: 'object' }
  return { type: 'table', includeObject: includeObjectFrom(query) }
}

/**
 * TableOptions' includeObject, read only when a Table is served: empty means Metadata; anything
 * unknown is the 400 of optionsForTransform (k8s: apiserver pkg/endpoints/handlers/response.go,
 * ValidateTableOptions in apimachinery pkg/apis/meta/v1/validation/validation.go).
 */
function includeObjectFrom(query: URLSearchParams): IncludeObject {
  const raw = queryString(query, 'includeObject') ?? ''
  if (raw === '') return 'Metadata'
  if (raw === 'None' || raw === 'Metadata' || raw === 'Object') return raw
  throw badRequest(`Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(raw)}: must be 'Metadata', 'Object', 'None', or empty`)
}
