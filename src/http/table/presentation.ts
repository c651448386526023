import { badRequest } from '../../api/errors.js'

export type IncludeObject = 'None' | 'Metadata' | 'Object'

/** How a read answers: the objects themselves, or a server-side Table (kubectl get). */
export type Presentation = { type: 'object' } | { type: 'table'; includeObject: IncludeObject }

const INCLUDE_OBJECT = new Set(['None', 'Metadata', 'Object'])

/** kubectl asks for a Table in its Accept list (`application/json;as=Table;v=v1;g=meta.k8s.io,…`). */
export function negotiatePresentation(accept: string | undefined, query: URLSearchParams): Presentation {
  const wantsTable = accept !== undefined && accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim())
    return params.includes('as=Table') && params.includes('g=meta.k8s.io')
  })
  if (!wantsTable) return { type: 'object' }
  const raw = query.get('includeObject') ?? 'Metadata'
  if (!INCLUDE_OBJECT.has(raw)) {
    throw badRequest(`includeObject: Unsupported value: ${JSON.stringify(raw)}: supported values: "Metadata", "None", "Object"`)
  }
  return { type: 'table', includeObject: raw as IncludeObject }
}
