import { parseIncludeObject, type IncludeObject } from '../../registry/printers/to-table.js'

export type { IncludeObject }


/** How a read answers: the objects themselves, or a server-side Table (kubectl get). */
export type Presentation = { type: 'object' } | { type: 'table'; includeObject: IncludeObject }

/** kubectl asks for a Table in its Accept list (`application/json;as=Table;v=v1;g=meta.k8s.io,…`). */
export function negotiatePresentation(accept: string | undefined, query: URLSearchParams): Presentation {
  const wantsTable = accept !== undefined && accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim())
    return params.includes('as=Table') && params.includes('g=meta.k8s.io')
  })
  if (!wantsTable) return { type: 'object' }
  return { type: 'table', includeObject: parseIncludeObject(query.get('includeObject') ?? undefined) }
}
