// The static types our rule checker reasons with: the CEL types cel-go's checker gives the
// expressions of a CRD rule (apiserver/pkg/cel/types.go DeclType, cel-go common/types).

export type PrimitiveName =
  | 'int' | 'uint' | 'double' | 'bool' | 'string' | 'bytes' | 'null_type' | 'timestamp' | 'duration' | 'type' | 'dyn'

export type CheckType =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'list'; readonly elem: CheckType }
  | { readonly kind: 'map'; readonly key: CheckType; readonly value: CheckType }
  /** an object with properties: a message-like type whose fields are the escaped property names */
  | { readonly kind: 'object'; readonly name: string; readonly fields: ReadonlyMap<string, CheckType> }
  /** a library's value type: kubernetes.Quantity, kubernetes.URL, net.IP, net.CIDR */
  | { readonly kind: 'opaque'; readonly name: string }
  | { readonly kind: 'optional'; readonly value: CheckType }
  /** a type parameter in a function signature: list(A).indexOf(A) */
  | { readonly kind: 'param'; readonly name: string }
  /** our checker could not tell; behaves like dyn but is never reported as a wrong result type */
  | { readonly kind: 'unknown' }

const primitive = (name: PrimitiveName): CheckType => ({ kind: 'primitive', name })
export const INT = primitive('int')
export const UINT = primitive('uint')
export const DOUBLE = primitive('double')
export const BOOL = primitive('bool')
export const STRING = primitive('string')
export const BYTES = primitive('bytes')
export const NULL = primitive('null_type')
export const TIMESTAMP = primitive('timestamp')
export const DURATION = primitive('duration')
export const TYPE = primitive('type')
export const DYN = primitive('dyn')
export const UNKNOWN: CheckType = { kind: 'unknown' }

export const listOf = (elem: CheckType): CheckType => ({ kind: 'list', elem })
export const mapOf = (key: CheckType, value: CheckType): CheckType => ({ kind: 'map', key, value })
export const optionalOf = (value: CheckType): CheckType => ({ kind: 'optional', value })
export const opaque = (name: string): CheckType => ({ kind: 'opaque', name })

export const isDynamic = (t: CheckType): boolean =>
  t.kind === 'unknown' || t.kind === 'param' || (t.kind === 'primitive' && t.name === 'dyn')

/** The type as cel-go's checker prints it in errors (checker/format.go FormatCELType). */
export function formatType(t: CheckType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name === 'null_type' ? 'null' : t.name
    case 'list':
      return `list(${formatType(t.elem)})`
    case 'map':
      return `map(${formatType(t.key)}, ${formatType(t.value)})`
    case 'optional':
      return `optional_type(${formatType(t.value)})`
    case 'param':
      return t.name
    case 'unknown':
      return 'dyn'
    default:
      return t.name
  }
}

/** Type parameters bound while matching one overload. */
export type Bindings = Map<string, CheckType>

/** Can a value of type `arg` be passed where `param` is declared? Binds type parameters as it goes. */
export function isAssignable(param: CheckType, arg: CheckType, bindings: Bindings): boolean {
  if (param.kind === 'param') return bindParam(param.name, arg, bindings)
  if (isDynamic(param) || isDynamic(arg)) return true
  if (arg.kind === 'primitive' && arg.name === 'null_type') return param.kind !== 'primitive' || param.name === 'null_type'
  switch (param.kind) {
    case 'primitive':
      return arg.kind === 'primitive' && arg.name === param.name
    case 'list':
      return arg.kind === 'list' && isAssignable(param.elem, arg.elem, bindings)
    case 'map':
      return arg.kind === 'map' && isAssignable(param.key, arg.key, bindings) && isAssignable(param.value, arg.value, bindings)
    case 'optional':
      return arg.kind === 'optional' && isAssignable(param.value, arg.value, bindings)
    case 'object':
    case 'opaque':
      return arg.kind === param.kind && arg.name === param.name
    default:
      return false
  }
}

function bindParam(name: string, arg: CheckType, bindings: Bindings): boolean {
  const bound = bindings.get(name)
  if (bound === undefined || isDynamic(bound)) {
    bindings.set(name, arg)
    return true
  }
  return isAssignable(bound, arg, bindings) || isAssignable(arg, bound, new Map())
}

/** The type with its parameters replaced by what they were bound to (dyn when unbound). */
export function substitute(t: CheckType, bindings: Bindings): CheckType {
  switch (t.kind) {
    case 'param':
      return bindings.get(t.name) ?? DYN
    case 'list':
      return listOf(substitute(t.elem, bindings))
    case 'map':
      return mapOf(substitute(t.key, bindings), substitute(t.value, bindings))
    case 'optional':
      return optionalOf(substitute(t.value, bindings))
    default:
      return t
  }
}

/** Structural equality of two types (object types by name). */
export function isSameType(a: CheckType, b: CheckType): boolean {
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case 'list':
      return isSameType(a.elem, (b as typeof a).elem)
    case 'map':
      return isSameType(a.key, (b as typeof a).key) && isSameType(a.value, (b as typeof a).value)
    case 'optional':
      return isSameType(a.value, (b as typeof a).value)
    case 'unknown':
      return true
    default:
      return a.name === (b as typeof a).name
  }
}
