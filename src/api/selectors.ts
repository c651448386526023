import { badRequest } from './errors.js'
import type { FieldSelector } from './field-selector.js'
import type { KubeObject } from './types.js'

// Where selectors meet objects: label key/value syntax (kube's validation.IsQualifiedName and
// IsValidLabelValue, v1.32 wording), the string a field selector compares (GetAttrs), and which
// fields a resource accepts (AddFieldLabelConversionFunc). Parsing lives in label-selector.ts and
// field-selector.ts.

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

// Compiled once: these run for every label of every selector parsed and every Table row printed.
const wholeMatch = (fmt: string) => new RegExp(`^${fmt}$`)
const QUALIFIED_NAME = wholeMatch(QUALIFIED_NAME_FMT)
const LABEL_VALUE = wholeMatch(LABEL_VALUE_FMT)
const DNS1123_SUBDOMAIN = wholeMatch(DNS1123_SUBDOMAIN_FMT)
// Go measures strings in bytes.
const byteLength = (s: string) => Buffer.byteLength(s)
const maxLenError = (n: number) => `must be no more than ${n} characters`

/** kube's validation.RegexError, double space after the commas included. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const eg = examples.map((e) => `'${e}', `).join(' or ')
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`
}

/** Why `key` is not a label key (`[prefix/]name`); empty when it is one. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/')
  const nameRule = () => regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')
  if (parts.length > 2) {
    return [`a qualified name ${nameRule()} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]
  }
  const name = parts.at(-1) as string
  const errors = parts.length === 2 ? prefixErrors(parts[0] as string) : []
  if (name === '') errors.push('name part must be non-empty')
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`)
  if (!QUALIFIED_NAME.test(name)) errors.push(`name part ${nameRule()}`)
  return errors
}

function prefixErrors(prefix: string): string[] {
  if (prefix === '') return ['prefix part must be non-empty']
  const errors: string[] = []
  if (byteLength(prefix) > 253) errors.push(`prefix part ${maxLenError(253)}`)
  if (!DNS1123_SUBDOMAIN.test(prefix)) {
    errors.push(`prefix part ${regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com')}`)
  }
  return errors
}

/** Why `value` is not a label value; empty when it is one. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = []
  if (byteLength(value) > 63) errors.push(maxLenError(63))
  if (!LABEL_VALUE.test(value)) errors.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'))
  return errors
}

/** Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. */
export const isInt64 = (s: string) => /^[+-]?\d+$/.test(s) && BigInt(s) <= 2n ** 63n - 1n && BigInt(s) >= -(2n ** 63n)

/**
 * kube's NewRequirement checks on a requirement's (sorted) values, worded as field.Error:
 * `values[i]` for Gt/Lt integers, `values[i][key]` for label value syntax. Empty when valid.
 */
export function requirementValueErrors(key: string, isNumeric: boolean, values: readonly string[]): string[] {
  // JSON.stringify stands in for Go's %q.
  const notInteger = (v: string, i: number) =>
    `values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`
  const numeric = isNumeric ? values.flatMap((v, i) => (isInt64(v) ? [] : [notInteger(v, i)])) : []
  const syntax = values.flatMap((v, i) => {
    const errors = labelValueErrors(v)
    return errors.length === 0 ? [] : [`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errors.join('; ')}`]
  })
  return [...numeric, ...syntax]
}

// ---- field values ------------------------------------------------------------------------------

/**
 * Fields whose selectable value is not the plain JSON value at the path: kube's GetAttrs reads
 * the internal type (defaults applied, renamed fields) and formats with strconv/fmt.
 */
const DERIVED_FIELDS: Record<string, (obj: KubeObject) => string> = {
  // pods: internal PodSecurityContext.HostNetwork, false when unset
  'spec.hostNetwork': (o) => String(valueAt(o, 'spec.hostNetwork') === true),
  // pods: podIPs[0] wins, as the internal type only has PodIPs
  'status.podIP': (o) => text(valueAt(o, 'status.podIPs.0.ip')) || text(valueAt(o, 'status.podIP')),
  // nodes: fmt.Sprint(node.Spec.Unschedulable)
  'spec.unschedulable': (o) => String(valueAt(o, 'spec.unschedulable') === true),
  // replicasets: strconv.Itoa(int(rs.Status.Replicas))
  'status.replicas': (o) => String(numberAt(o, 'status.replicas')),
  // jobs: the selectable name differs from the JSON field `succeeded`
  'status.successful': (o) => String(numberAt(o, 'status.succeeded')),
  // events: source.component, else reportingComponent (core/v1 JSON name of ReportingController)
  source: (o) => text(valueAt(o, 'source.component')) || text(valueAt(o, 'reportingComponent')),
}

/**
 * The string a field selector compares for `path` on `obj`, as kube's GetAttrs builds it:
 * strings as they are, booleans "true"/"false", numbers in decimal, missing as "".
 */
export function fieldValue(obj: KubeObject, path: string): string {
  const derived = DERIVED_FIELDS[path]
  return derived ? derived(obj) : text(valueAt(obj, path))
}

/** The JSON value at a dotted path (`spec.containers.0.image`); undefined when any step is missing. */
export function valueAt(obj: unknown, path: string): unknown {
  let current = obj
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

const numberAt = (obj: unknown, path: string) => {
  const value = valueAt(obj, path)
  return typeof value === 'number' ? value : 0
}

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  return ''
}

// ---- supported fields --------------------------------------------------------------------------

/** What decides which fields a resource accepts; a ResourceDefinition satisfies it. */
export interface FieldSelectorPolicy {
  group: string
  kind: string
  isNamespaced: boolean
  /** fields beyond metadata.name and metadata.namespace */
  fieldSelectors: readonly string[]
  /** custom resources always answer "field label not supported" and, cluster-scoped, refuse metadata.namespace */
  isCustomResource?: boolean
}

/** Throws kube's 400 for the first (in sorted order) field the resource does not support. */
export function checkFieldSelectorSupported(selector: FieldSelector, policy: FieldSelectorPolicy): void {
  for (const { field } of selector.requirements) {
    if (!isSupported(field, policy)) throw badRequest(unsupportedMessage(field, policy))
  }
}

/**
 * Kinds with their own conversion func (those listing extra fields, and custom resources) reject
 * metadata.namespace when cluster-scoped (Node, Namespace); the default conversion accepts it.
 */
const hasConversionFunc = (p: FieldSelectorPolicy) => p.fieldSelectors.length > 0 || p.isCustomResource === true

function isSupported(field: string, policy: FieldSelectorPolicy): boolean {
  if (field === 'metadata.name' || policy.fieldSelectors.includes(field)) return true
  return field === 'metadata.namespace' && (policy.isNamespaced || !hasConversionFunc(policy))
}

// Each conversion func words its error its own way (pkg/apis/*/v1/conversion.go,
// runtime.DefaultMetaV1FieldSelectorConversion); clients only show the text.
function unsupportedMessage(field: string, policy: FieldSelectorPolicy): string {
  if (!hasConversionFunc(policy)) {
    return `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`
  }
  if (policy.group === 'batch' && policy.kind === 'Job') return `field label ${JSON.stringify(field)} not supported for batchv1.Job`
  return `field label not supported: ${field}`
}
