import { badRequest } from './errors.js'

/** A log row id: the global, strictly increasing number every committed change gets. */
export type Revision = number & { readonly __brand: 'Revision' }

export const asRevision = (n: number) => n as Revision

/** resourceVersion string → Revision; the only place wire strings become revisions. */
export function parseResourceVersion(raw: string | undefined): Revision | undefined {
  if (raw === undefined || raw === '') return undefined
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`invalid resource version: ${JSON.stringify(raw)}`)
  return Number(raw) as Revision
}

