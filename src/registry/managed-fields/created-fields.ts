import { isJsonObject } from '../../api/json-object.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken, type Token } from '../field-set/path-element.js'
import { valuesEqual } from '../field-set/value-order.js'
import { DEDUCED, type EmptyValueField, type TypeDescription } from '../type-description/type-description.js'
import { isEmptyList, isEmptyMap, ItemKeyError, itemToken, shapeOf, typeOfKey } from './typed-value.js'

/** Where a created value stands against the kind's empty Go value: absent there, or its zero. */
type Before = { isPresent: false } | { isPresent: true; zero: unknown }

const ABSENT: Before = { isPresent: false }
const EMPTY_STRUCT: Before = { isPresent: true, zero: {} }
const NULL: Before = { isPresent: true, zero: null }

/**
 * The fields a create sets, as compareObjects(emptyObject, created) would find them added or
 * modified, in one walk of the created object alone: the create path compares against nothing.
 * A field the empty value lacks is added (itself, besides its children); one it holds as a zero is
 * modified when the created value differs. Nothing is removed from an empty value.
 *
 * Creates of one shape (a client's template, a controller's pods) set the same fields: the walk
 * writes the set as text, and a set already built from the same text is reused, with what was
 * derived from it (the managedFields entry, fields-v1.ts). Sets are never changed once built.
 */
export function createdFieldSet(created: unknown, type: TypeDescription): FieldSet {
  const text = walk(created, type, EMPTY_STRUCT).children ?? ''
  let set = builtSets.get(text)
  if (set === undefined) {
    set = new SetReader(text).level()
    if (text.length > CACHED_TEXT_LIMIT) return set
    if (builtSets.size >= BUILT_SETS_LIMIT) builtSets.clear()
    builtSets.set(text, set)
  }
  return set
}

/**
 * Sets by their text: a server sees few shapes of created objects. Bounded in count like the token
 * caches, and in size: the set of an object with thousands of keys (a large ConfigMap) is not kept.
 */
const BUILT_SETS_LIMIT = 1024
const CACHED_TEXT_LIMIT = 16 * 1024
const builtSets = new Map<string, FieldSet>()

/**
 * What a value contributes at its own path: itself (a member) and the fields under it, as text.
 * A level is written as its entries in walk order, each `<length>:<token>`, then `+` for a member
 * or `-`, then `(<level>)` for fields under it or `.`: tokens are read by length, so any text works.
 */
interface Walked {
  isMember: boolean
  children: string | undefined
}

const MEMBER: Walked = { isMember: true, children: undefined }
const NOTHING: Walked = { isMember: false, children: undefined }

function walk(value: unknown, type: TypeDescription, before: Before): Walked {
  const shape = shapeOf(type, value)
  const zero = before.isPresent ? before.zero : undefined
  const isLeaf = shape === 'leaf' || (shape === 'map' ? isEmptyMap(value) && isEmptyMap(zero) : isEmptyList(value) && isEmptyList(zero))
  if (isLeaf) return !before.isPresent || !valuesEqual(zero, value) ? MEMBER : NOTHING
  const children = shape === 'map' ? walkMap(value, type, before) : walkList(value, type)
  return { isMember: !before.isPresent, children }
}

/** One entry of a level's text; empty when the value contributes nothing. */
function entry(token: Token, walked: Walked): string {
  if (!walked.isMember && !walked.children) return ''
  return `${token.length}:${token}${walked.isMember ? '+' : '-'}${walked.children ? `(${walked.children})` : '.'}`
}

function walkMap(value: unknown, type: TypeDescription, before: Before): string | undefined {
  if (!isJsonObject(value)) return undefined
  const empties = before.isPresent && isJsonObject(before.zero) ? emptiesByName(type) : undefined
  let text = ''
  for (const key in value) {
    const empty = empties?.get(key)
    text += entry(fieldToken(key), walk(value[key], typeOfKey(type, key), empty ? (empty.isStruct ? EMPTY_STRUCT : NULL) : ABSENT))
  }
  return text || undefined
}

function walkList(value: unknown, type: TypeDescription): string | undefined {
  if (!Array.isArray(value)) return undefined
  const items = type.items ?? DEDUCED
  const byToken = new Map<Token, unknown[]>()
  for (const item of value) {
    try {
      const token = itemToken(type, item)
      const group = byToken.get(token)
      if (group) group.push(item)
      else byToken.set(token, [item])
    } catch (error) {
      if (!(error instanceof ItemKeyError)) throw error
    }
  }
  let text = ''
  // Repeated items are one atomic value, added whole (compare.go's "new duplicates").
  for (const [token, group] of byToken) text += entry(token, group.length === 1 ? walk(group[0], items, ABSENT) : MEMBER)
  return text || undefined
}

/** Builds the set a walk's text describes. */
class SetReader {
  #at = 0

  constructor(readonly text: string) {}

  /** The entries up to the end of the text or the `)` closing their level. */
  level(): FieldSet {
    let members: Set<Token> | undefined
    let children: Map<Token, FieldSet> | undefined
    const { text } = this
    while (this.#at < text.length && text[this.#at] !== ')') {
      const colon = text.indexOf(':', this.#at)
      const end = colon + 1 + Number(text.slice(this.#at, colon))
      const token = text.slice(colon + 1, end)
      if (text[end] === '+') (members ??= new Set()).add(token)
      this.#at = end + 2
      if (text[end + 1] === '(') {
        ;(children ??= new Map()).set(token, this.level())
        this.#at += 1
      }
    }
    return FieldSet.of(members, children)
  }
}

/** A type's empty-value fields by name, built once per type (a create looks up every key it has). */
const emptiesCache = new WeakMap<TypeDescription, ReadonlyMap<string, EmptyValueField>>()

function emptiesByName(type: TypeDescription): ReadonlyMap<string, EmptyValueField> | undefined {
  if (!type.emptyValueFields) return undefined
  let byName = emptiesCache.get(type)
  if (!byName) {
    byName = new Map(type.emptyValueFields.map((field) => [field.name, field]))
    emptiesCache.set(type, byName)
  }
  return byName
}
