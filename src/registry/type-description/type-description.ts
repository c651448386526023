/**
 * What the server knows of a value's type, from the kind's OpenAPI schemas: the one description
 * both strategic merge patch and server-side apply read. It mirrors structured-merge-diff's schema
 * atoms (k8s: sigs.k8s.io/structured-merge-diff schema/elements.go, as kube-openapi
 * pkg/schemaconv builds them from OpenAPI) plus the patch strategy and merge key strategic merge
 * patch looks up (k8s: apimachinery pkg/util/strategicpatch/meta.go).
 */
export interface TypeDescription {
  /**
   * `object`: a struct (declared properties) or a map (additionalProperties), or both;
   * `list`; `scalar`; `deduced`: no schema to go by, the value decides (smd's `__untyped_deduced_`):
   * an object is a granular map of deduced values, a list is atomic, anything else a scalar
   */
  readonly kind: 'object' | 'list' | 'scalar' | 'deduced'
  /**
   * Replaced and owned whole: `x-kubernetes-map-type: atomic` (also a struct marked
   * `+structType=atomic`), `x-kubernetes-list-type: atomic` (the default for a list)
   */
  readonly isAtomic: boolean
  /** object: a declared property, or else any key of a map; undefined when the object has neither */
  field(name: string): FieldDescription | undefined
  /** list: how items are told apart; a set's items by value, a map's by `listMapKeys` */
  readonly listType?: 'atomic' | 'set' | 'map'
  readonly listMapKeys?: readonly string[]
  readonly items?: TypeDescription
  /** object: the fields an empty Go value of this type still serializes (built-in kinds only) */
  readonly emptyValueFields?: readonly EmptyValueField[]
}

export interface FieldDescription {
  /** the type of the field's value */
  readonly type: TypeDescription
  /** a property of a struct, as opposed to a key of a map: smd owns the two differently */
  readonly isDeclared: boolean
  /** `x-kubernetes-patch-strategy`, split on ',' (strategic merge patch) */
  readonly strategies: readonly string[]
  /** `x-kubernetes-patch-merge-key` (strategic merge patch) */
  readonly mergeKey?: string
  /** the schema's `default`: a list-map key left out of an item takes it (ContainerPort.protocol) */
  readonly default?: unknown
}

/**
 * A field a Go zero value still writes: a struct (never omitted) or a field without `omitempty`.
 * kube compares typed objects, which carry them even when the JSON a client sent did not.
 */
export interface EmptyValueField {
  readonly name: string
  /** a struct value (`{}`), whose own empty-value fields apply in turn; otherwise null or a zero */
  readonly isStruct: boolean
}

const NO_STRATEGIES: readonly string[] = Object.freeze([])

/** A field of a deduced object: itself deduced. */
const deducedField = (type: TypeDescription): FieldDescription =>
  Object.freeze({ type, isDeclared: false, strategies: NO_STRATEGIES })

function deduced(isAtomic: boolean): TypeDescription {
  const self: TypeDescription = {
    kind: 'deduced',
    isAtomic,
    field: () => field,
  }
  const field = deducedField(self)
  return Object.freeze(self)
}

/** No schema (or `x-kubernetes-preserve-unknown-fields`): structure comes from the value. */
export const DEDUCED: TypeDescription = deduced(false)

/** smd's `__untyped_atomic_`: RawExtension, a list without `items`; every object and list whole. */
export const UNTYPED_ATOMIC: TypeDescription = deduced(true)

export const SCALAR: TypeDescription = Object.freeze({ kind: 'scalar', isAtomic: true, field: () => undefined })

export { NO_STRATEGIES }
