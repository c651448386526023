import { badRequest } from '../api/errors.js'
import { asRevision, type Revision } from '../api/resource-version.js'

/** Where a paginated list resumes: the revision of its first page and the last key sent. */
export interface ContinueToken {
  revision: Revision
  namespace: string
  name: string
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'watchplane/v1', rv: token.revision, ns: token.namespace, name: token.name })).toString('base64url')
}

export function decodeContinue(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { v?: string; rv?: unknown; ns?: unknown; name?: unknown }
    if (parsed.v === 'watchplane/v1' && Number.isSafeInteger(parsed.rv) && typeof parsed.ns === 'string' && typeof parsed.name === 'string') {
      return { revision: asRevision(parsed.rv as number), namespace: parsed.ns, name: parsed.name }
    }
  } catch {
    // fall through: malformed
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)')
}
