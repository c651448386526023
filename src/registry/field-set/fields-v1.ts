import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { FieldSet } from './field-set.js'
import { canonicalToken, compareTokens, MalformedTokenError, type Token } from './path-element.js'

/**
 * A set as the FieldsV1 trie of managedFields, written exactly as structured-merge-diff writes it
 * (fieldpath/serialize.go emitContentsV1): at each level the elements in order, each as `{}` when
 * only a member, its children when only a parent, and `".": {}` first when both.
 */
export function toFieldsV1(set: FieldSet): JsonObject {
  return emit(set, false)
}

function emit(set: FieldSet, includeSelf: boolean): JsonObject {
  const out: JsonObject = {}
  if (includeSelf && !set.isEmpty) out['.'] = {}
  const tokens: Token[] = [...set.members()]
  for (const [token] of set.children()) if (!set.hasMember(token)) tokens.push(token)
  if (tokens.length > 1) tokens.sort(compareTokens)
  for (const token of tokens) {
    const child = set.childAt(token)
    out[token] = child ? emit(child, set.hasMember(token)) : {}
  }
  return out
}

/** Thrown for FieldsV1 that cannot be read; kube then treats the managedFields as absent. */
export class FieldsV1Error extends Error {}

/**
 * Reads a FieldsV1 trie (smd's readIterV1): `{}` and `".": {}` mark members, keys of kinds smd does
 * not know are dropped, and k:/v: keys are made canonical.
 */
export function fromFieldsV1(fields: unknown): FieldSet {
  if (fields === undefined || fields === null) return FieldSet.empty()
  if (!isJsonObject(fields)) throw new FieldsV1Error('FieldsV1 must be an object')
  return read(fields).children ?? FieldSet.empty()
}

function read(node: JsonObject): { children?: FieldSet; isMember: boolean } {
  let children: FieldSet | undefined
  let isMember = false
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      isMember = true
      continue
    }
    const token = tokenOf(key)
    if (token === undefined) continue
    if (!isJsonObject(value)) throw new FieldsV1Error(`${key}: expected an object`)
    const inner = read(value)
    children ??= FieldSet.empty()
    if (inner.isMember) children.insert([token])
    if (inner.children) children.attach(token, inner.children)
  }
  return { ...(children ? { children } : {}), isMember: isMember || children === undefined }
}

function tokenOf(key: string): Token | undefined {
  try {
    return canonicalToken(key)
  } catch (error) {
    if (error instanceof MalformedTokenError) throw new FieldsV1Error(error.message)
    throw error
  }
}
