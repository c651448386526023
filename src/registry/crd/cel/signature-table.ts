import {
  BOOL, BYTES, DOUBLE, DURATION, DYN, INT, NULL, STRING, TIMESTAMP, TYPE, UINT,
  listOf, mapOf, opaque, optionalOf, type CheckType,
} from './check-types.js'

/** One overload of a function as the checker sees it. */
export interface Overload {
  /** the receiver of a member function (`x.f()`); undefined for global functions */
  readonly target?: CheckType
  readonly args: readonly CheckType[]
  readonly result: CheckType
}

export type SignatureTable = ReadonlyMap<string, readonly Overload[]>

/** The value types kube's CEL libraries add (apiserver/pkg/cel/types.go, ip.go, cidr.go). */
export const QUANTITY = opaque('kubernetes.Quantity')
export const URL_TYPE = opaque('kubernetes.URL')
export const IP_TYPE = opaque('net.IP')
export const CIDR_TYPE = opaque('net.CIDR')

const NAMED: Record<string, CheckType> = {
  int: INT, uint: UINT, double: DOUBLE, bool: BOOL, string: STRING, bytes: BYTES, null: NULL,
  timestamp: TIMESTAMP, duration: DURATION, type: TYPE, dyn: DYN,
  Quantity: QUANTITY, URL: URL_TYPE, IP: IP_TYPE, CIDR: CIDR_TYPE,
}

/**
 * Builds a table from signatures written the way cel-go documents them:
 * `size(string) int` (global), `string.contains(string) bool` (member, receiver type first),
 * `@sets.contains(list(A), list(A)) bool` (a global whose name has dots; `@in` is the operator).
 * Operators use cel-go's names (`_+_`, `!_`, `_[_]`). Single capitals are type parameters.
 */
export function signatureTable(...groups: ReadonlyArray<readonly string[]>): SignatureTable {
  const table = new Map<string, Overload[]>()
  for (const text of groups.flat()) {
    const { name, overload } = new SignatureParser(text).parse()
    table.set(name, [...(table.get(name) ?? []), overload])
  }
  return table
}

class SignatureParser {
  #pos = 0
  constructor(readonly text: string) {}

  parse(): { name: string; overload: Overload } {
    if (this.#eat('@')) {
      const name = this.#qualifiedName()
      return this.#rest(name.includes('.') ? name : `@${name}`, undefined)
    }
    const first = this.#ident(/^[^\s(.,)]+/)
    const params = this.#peek('(') ? this.#typeList() : undefined
    if (!this.#eat('.')) return { name: first, overload: { args: params ?? [], result: this.#type() } }
    const target = this.#named(first, params ?? [])
    return this.#rest(this.#ident(), target)
  }

  #rest(name: string, target: CheckType | undefined): { name: string; overload: Overload } {
    const args = this.#typeList()
    return { name, overload: { ...(target ? { target } : {}), args, result: this.#type() } }
  }

  #type(): CheckType {
    const name = this.#ident()
    return this.#named(name, this.#peek('(') ? this.#typeList() : [])
  }

  #named(name: string, params: readonly CheckType[]): CheckType {
    if (name === 'list' && params[0]) return listOf(params[0])
    if (name === 'map' && params[0] && params[1]) return mapOf(params[0], params[1])
    if (name === 'optional' && params[0]) return optionalOf(params[0])
    if (/^[A-Z]$/.test(name)) return { kind: 'param', name }
    const known = NAMED[name]
    if (!known) throw new Error(`unknown type ${name} in signature ${this.text}`)
    return known
  }

  #typeList(): CheckType[] {
    this.#expect('(')
    const types: CheckType[] = []
    while (!this.#eat(')')) {
      if (types.length > 0) this.#expect(',')
      types.push(this.#type())
    }
    return types
  }

  #qualifiedName(): string {
    let name = this.#ident()
    while (this.#eat('.')) name += `.${this.#ident()}`
    return name
  }

  #ident(pattern = /^[A-Za-z_][A-Za-z0-9_]*/): string {
    this.#skipSpace()
    const match = pattern.exec(this.text.slice(this.#pos))
    if (!match) throw new Error(`bad signature ${this.text} at ${this.#pos}`)
    this.#pos += match[0].length
    return match[0]
  }

  #peek(token: string): boolean {
    this.#skipSpace()
    return this.text.startsWith(token, this.#pos)
  }

  #eat(token: string): boolean {
    if (!this.#peek(token)) return false
    this.#pos += token.length
    return true
  }

  #expect(token: string): void {
    if (!this.#eat(token)) throw new Error(`expected ${token} in signature ${this.text} at ${this.#pos}`)
  }

  #skipSpace(): void {
    while (this.text[this.#pos] === ' ') this.#pos++
  }
}
