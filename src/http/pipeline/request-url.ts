/**
 * A request's path and query as the door read them. Unlike a WHATWG URL, the path is kept as sent
 * (percent-escapes and all) and its `.` and `..` segments are never resolved, as Go's server never
 * resolves them: `…/configmaps/..` names no namespace to delete, `namespaces/a/../b` is no way into b.
 */
export interface RequestUrl {
  readonly pathname: string
  readonly searchParams: URLSearchParams
  /** the query with its `?`, or '' */
  readonly search: string
}

export function requestUrl(pathname: string, searchParams: URLSearchParams): RequestUrl {
  return {
    pathname,
    searchParams,
    get search() {
      const query = searchParams.toString()
      return query ? `?${query}` : ''
    },
  }
}
