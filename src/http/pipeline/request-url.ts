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

// A class, not an object literal with a getter: every request builds one, and a literal's getter
// is a new closure each time where a class keeps one on its prototype.
class PathAndQuery implements RequestUrl {
  constructor(readonly pathname: string, readonly searchParams: URLSearchParams) {}

  get search(): string {
    const query = this.searchParams.toString()
    return query ? `?${query}` : ''
  }
}

export function requestUrl(pathname: string, searchParams: URLSearchParams): RequestUrl {
  return new PathAndQuery(pathname, searchParams)
}
