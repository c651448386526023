import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { FieldSet } from './field-set.js'
import { canonicalToken, compareTokens, MalformedTokenError, type Token } from './path-element.js'

/**
 * A set as the FieldsV1 trie of managedFields, written exactly as structured-merge-diff writes it
 * (fieldpath/serialize.go emitContentsV1): at each level the elements in order, each as `{}` when
 * only a member, its children when only a parent, and `".": {}` first when both.
 */
export function toFieldsV1(set: FieldSet): JsonObject {
  let fields = canonicalSources.get(set)
  if (fields === undefined) {
    fields = emit(set, false)
    canonicalSources.set(set, fields)
  }
  return fields
}

/**
 * Each set's FieldsV1, by the set (sets never change once built): FieldsV1 read that was already
 * exactly what emit writes (watchplane wrote it), so a manager whose set a write leaves alone is
 * written back as it came, and what emit wrote, so a set shared by many creates of one shape
 * (created-fields.ts) is written once. What emit wrote is frozen: objects may share it.
 */
const canonicalSources = new WeakMap<FieldSet, JsonObject>()

function emit(set: FieldSet, includeSelf: boolean): JsonObject {
  const out: JsonObject = {}
  if (includeSelf && !set.isEmpty) out['.'] = EMPTY
  const tokens: Token[] = []
  for (const token of set.members()) tokens.push(token)
  for (const token of set.childTokens()) if (!set.hasMember(token)) tokens.push(token)
  if (tokens.length > 1) tokens.sort(compareTokens)
  for (const token of tokens) {
    const child = set.childAt(token)
    out[token] = child ? emit(child, set.hasMember(token)) : EMPTY
  }
  return Object.freeze(out)
}

const EMPTY: JsonObject = Object.freeze({})

/** Thrown for FieldsV1 that cannot be read; kube then treats the managedFields as absent. */
export class FieldsV1Error extends Error {}

/**
 * Reads a FieldsV1 trie (smd's readIterV1): `{}` and `".": {}` mark members, keys of kinds smd does
 * not know are dropped, and k:/v: keys are made canonical.
 */
export function fromFieldsV1(fields: unknown): FieldSet {
  if (fields === undefined || fields === null) return FieldSet.empty()
  if (!isJsonObject(fields)) throw new FieldsV1Error('FieldsV1 must be an object')
  const { children, isCanonical } = read(fields)
  const set = children ?? FieldSet.empty()
  if (isCanonical && children && !Object.hasOwn(fields, '.')) canonicalSources.set(set, fields)
  return set
}

interface Read {
  children?: FieldSet
  isMember: boolean
  /** the node is written as emit writes it: canonical keys in order, `"."` only first and beside others */
  isCanonical: boolean
}

function read(node: JsonObject): Read {
  let members: Set<Token> | undefined
  let children: Map<Token, FieldSet> | undefined
  let isMember = false
  let isCanonical = true
  let previous: Token | undefined
  for (const key in node) {
    const value = node[key]
    if (key === '.') {
      isCanonical &&= previous === undefined && isJsonObject(value) && Object.keys(value).length === 0
      isMember = true
      continue
    }
    const token = tokenOf(key)
    if (token === undefined) {
      isCanonical = false
      continue
    }
    if (!isJsonObject(value)) throw new FieldsV1Error(`${key}: expected an object`)
    isCanonical &&= token === key && (previous === undefined || compareTokens(previous, token) < 0)
    previous = token
    const inner = read(value)
    isCanonical &&= inner.isCanonical
    if (inner.isMember) (members ??= new Set()).add(token)
    if (inner.children && !inner.children.isEmpty) {
      const existing = children?.get(token)
      ;(children ??= new Map()).set(token, existing ? existing.union(inner.children) : inner.children)
    }
  }
  // An element with nothing under it (`{}`) is a member; so is one marked `".": {}`.
  if (previous === undefined) return { isMember: true, isCanonical: isCanonical && !isMember }
  return { children: FieldSet.of(members, children), isMember, isCanonical }
}

function tokenOf(key: string): Token | undefined {
  try {
    return canonicalToken(key)
  } catch (error) {
    if (error instanceof MalformedTokenError) throw new FieldsV1Error(error.message)
    throw error
  }
}
