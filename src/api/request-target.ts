import { badRequest } from './errors.js'

/** A request line's target as kube-apiserver reads it (Go's url.URL): the decoded path and the query. */
export interface RequestTarget {
  /**
   * percent-decoded (`%2F` is a `/`, as in Go's URL.Path), with `.` and `..` segments kept as they
   * came: Go's server never resolves them, so `namespaces/a/../b` is no way into namespace b
   */
  path: string
  query: URLSearchParams
  /** the path as it came, percent-escapes and all (an absolute-form target's path only) */
  rawPath: string
  /** the raw query with its `?`, or '' */
  search: string
}

// An absolute-form target (`GET http://host/path HTTP/1.1`, RFC 9112 §3.2.2) names its path after the authority.
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/**
 * Splits a request target without WHATWG URL parsing, which resolves dot segments and throws on
 * some absolute-form targets node's parser lets through. A malformed escape is a 400, as Go's
 * server answers `invalid URL escape`.
 */
export function parseRequestTarget(raw: string): RequestTarget {
  // The usual target (origin form, no fragment, no escape) skips the regexes and the decoding.
  const origin = raw.startsWith('/') ? undefined : ABSOLUTE_FORM.exec(raw)?.[0]
  if (origin !== undefined && !URL.canParse(origin)) throw badRequest(`invalid request target ${JSON.stringify(raw.slice(0, 100))}`)
  const target = origin === undefined ? raw : raw.slice(origin.length)
  const queryAt = target.indexOf('?')
  const rawPath = withoutFragment(queryAt < 0 ? target : target.slice(0, queryAt)) || '/'
  const search = queryAt < 0 ? '' : withoutFragment(target.slice(queryAt))
  if (!rawPath.startsWith('/')) throw badRequest(`invalid request target ${JSON.stringify(raw.slice(0, 100))}`)
  return { path: decodedPath(rawPath), rawPath, query: new URLSearchParams(search), search }
}

const withoutFragment = (text: string) => (text.includes('#') ? text.replace(/#.*$/, '') : text)

function decodedPath(rawPath: string): string {
  if (!rawPath.includes('%')) return rawPath
  try {
    return decodeURIComponent(rawPath)
  } catch {
    // a `%` without two hex digits, or escapes that are not UTF-8
    throw badRequest(`invalid URL escape in ${JSON.stringify(rawPath.slice(0, 200))}`)
  }
}
