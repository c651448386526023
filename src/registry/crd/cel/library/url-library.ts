import { CelScalar, celFunc, celList, celMap, celMethod, mapType, listType } from '@bufbuild/cel'
import type { CelLibrary } from './cel-library.js'
import { OpaqueType } from './opaque-values.js'

// kube's urls library (apiserver/pkg/cel/library/urls.go): url() accepts what Go's
// url.ParseRequestURI accepts (an absolute URI or an absolute path) and reads the parts as
// url.Parse does (the fragment split off).

interface ParsedUrl {
  readonly text: string
  readonly scheme: string
  readonly host: string
  readonly path: string
  readonly query: string
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s

/** Go's url.ParseRequestURI followed by url.Parse; throws kube's message. */
export function parseUrl(text: string): ParsedUrl {
  const fail = (why: string) => new Error(`URL parse error during conversion from string: parse ${JSON.stringify(text)}: ${why}`)
  if (/[\x00-\x1f\x7f]/.test(text)) throw fail('net/url: invalid control character in URL')
  const withoutFragment = text.split('#')[0] as string
  const [beforeQuery, query = ''] = splitOnce(withoutFragment, '?')
  const scheme = SCHEME.exec(beforeQuery)
  if (!scheme) {
    if (!beforeQuery.startsWith('/')) throw fail('invalid URI for request')
    return { text, scheme: '', host: '', path: beforeQuery, query }
  }
  const rest = scheme[2] as string
  if (!rest.startsWith('//')) return { text, scheme: (scheme[1] as string).toLowerCase(), host: '', path: '', query }
  const [authority, path = ''] = splitOnce(rest.slice(2), '/', true)
  const host = authority.slice(authority.lastIndexOf('@') + 1)
  const port = portOf(host)
  if (port === undefined) throw fail(`invalid port ${JSON.stringify(host.slice(host.lastIndexOf(':')))} after host`)
  return { text, scheme: (scheme[1] as string).toLowerCase(), host, path, query }
}

function splitOnce(text: string, separator: string, keepSeparator = false): [string, string | undefined] {
  const at = text.indexOf(separator)
  if (at < 0) return [text, undefined]
  return [text.slice(0, at), text.slice(keepSeparator ? at : at + separator.length)]
}

/** The port of a host (`example.com:80`, `[::1]:80`): '' when none, undefined when malformed. */
function portOf(host: string): string | undefined {
  const afterBracket = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host
  const colon = afterBracket.lastIndexOf(':')
  if (colon < 0) return ''
  const port = afterBracket.slice(colon + 1)
  if (!host.startsWith('[') && afterBracket.slice(0, colon).includes(':')) return undefined
  return /^[0-9]*$/.test(port) ? port : undefined
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.lastIndexOf(':')
  return colon < 0 ? host : host.slice(0, colon)
}

function escapedPath(path: string): string {
  return decodeSafely(path).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c))
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function queryValues(query: string): Map<string, string[]> {
  const values = new Map<string, string[]>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const [key, value = ''] = splitOnce(pair, '=').map((p) => decodeSafely((p ?? '').replaceAll('+', ' ')))
    values.set(key as string, [...(values.get(key as string) ?? []), value])
  }
  return values
}

const { STRING, BOOL } = CelScalar
export const URL_VALUE = new OpaqueType<ParsedUrl>('kubernetes.URL', (u) => u.text)
const U = URL_VALUE.celType
const part = (name: string, read: (u: ParsedUrl) => string) =>
  celMethod(name, U, [], STRING, function () { return read(URL_VALUE.expect(this)) })

export const URL_LIBRARY: CelLibrary = {
  signatures: [
    'url(string) URL', 'isURL(string) bool', 'URL.getScheme() string', 'URL.getHost() string', 'URL.getHostname() string',
    'URL.getPort() string', 'URL.getEscapedPath() string', 'URL.getQuery() map(string, list(string))',
  ],
  funcs: [
    celFunc('url', [STRING], U, (text) => URL_VALUE.wrap(parseUrl(text)) as never),
    celFunc('isURL', [STRING], BOOL, (text) => {
      try {
        parseUrl(text)
        return true
      } catch {
        return false
      }
    }),
    part('getScheme', (u) => u.scheme),
    part('getHost', (u) => u.host),
    part('getHostname', (u) => hostname(u.host)),
    part('getPort', (u) => portOf(u.host) ?? ''),
    part('getEscapedPath', (u) => escapedPath(u.path)),
    celMethod('getQuery', U, [], mapType(STRING, listType(STRING)), function () {
      const entries = [...queryValues(URL_VALUE.expect(this).query)].map(([k, v]) => [k, celList(v)] as const)
      return celMap(new Map(entries))
    }),
  ],
}
