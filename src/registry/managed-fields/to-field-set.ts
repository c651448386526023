import { hasNoKeys, isJsonObject } from '../../api/json-object.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken, pathToString, type Token } from '../field-set/path-element.js'
import type { TypeDescription } from '../type-description/type-description.js'
import { DEDUCED } from '../type-description/type-description.js'
import { ItemKeyError, itemToken, shapeOf } from './typed-value.js'

export interface ToFieldSetOptions {
  /**
   * collect what makes kube refuse an applied configuration (k8s: structured-merge-diff
   * typed/validate.go): fields the schema does not declare, duplicate items, items without keys
   */
  problems?: string[]
}

/**
 * The fields a value sets (k8s: structured-merge-diff typed/tofieldset.go): every leaf, every list
 * item (itself a member, so `".": {}` beside its fields), and every map key that is not a declared
 * field, or whose value is null or `{}`. An apply's configuration becomes its manager's set this way.
 */
export function toFieldSet(value: unknown, type: TypeDescription, options: ToFieldSetOptions = {}): FieldSet {
  const set = FieldSet.empty()
  walk({ set, problems: options.problems, path: [] }, value, type)
  return set
}

interface Walk {
  set: FieldSet
  problems: string[] | undefined
  path: Token[]
}

function walk(w: Walk, value: unknown, type: TypeDescription): void {
  const shape = shapeOf(type, value)
  if (shape === 'leaf') w.set.insert(w.path)
  else if (shape === 'map') walkMap(w, value, type)
  else walkList(w, value, type)
}

function walkMap(w: Walk, value: unknown, type: TypeDescription): void {
  if (!isJsonObject(value)) return
  for (const [key, child] of Object.entries(value)) {
    const field = type.field(key)
    if (!field) w.problems?.push(`${pathToString([...w.path, fieldToken(key)])}: field not declared in schema`)
    w.path.push(fieldToken(key))
    walk(w, child, field?.type ?? DEDUCED)
    if (child === null || (isJsonObject(child) && hasNoKeys(child)) || !field?.isDeclared) w.set.insert(w.path)
    w.path.pop()
  }
}

function walkList(w: Walk, value: unknown, type: TypeDescription): void {
  if (!Array.isArray(value)) return
  const tokens = itemTokens(w, value, type)
  const seen = new Set<Token>()
  const duplicates = new Set<Token>()
  for (const token of tokens) {
    if (token === undefined) continue
    if (seen.has(token)) duplicates.add(token)
    seen.add(token)
  }
  for (const token of duplicates) {
    w.problems?.push(`${pathToString(w.path)}: duplicate entries for key ${pathToString([token])}`)
    w.set.insert([...w.path, token])
  }
  const items = type.items ?? DEDUCED
  for (const [index, token] of tokens.entries()) {
    if (token === undefined || duplicates.has(token)) continue
    w.path.push(token)
    walk(w, value[index], items)
    w.set.insert(w.path)
    w.path.pop()
  }
}

/** Each item's token; an item smd cannot name is skipped (and, when collecting, reported). */
function itemTokens(w: Walk, list: unknown[], type: TypeDescription): (Token | undefined)[] {
  return list.map((item, index) => {
    try {
      return itemToken(type, item)
    } catch (error) {
      if (!(error instanceof ItemKeyError)) throw error
      w.problems?.push(`${pathToString(w.path)}: element ${index}: ${error.message}`)
      return undefined
    }
  })
}

