import type { StatusCause } from '../../../api/types.js'
import { RUNTIME_COST_BUDGET, RUNTIME_DEADLINE_MS } from './cost-meter.js'
import { isDeepEqualJson } from './deep-equal-json.js'
import { childPath, indexPath } from './rule-causes.js'
import { runNodeRules, type RunState } from './run-node-rules.js'
import type { RuleNode } from './rule-tree.js'

type JsonObject = Readonly<Record<string, unknown>>
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Runs the rules of a tree over an object (and its old version on updates) the way
 * schema/cel/validation.go Validate walks it: each node's rules, then its properties, map
 * entries and list items, with old values correlated through objects, maps and map lists only,
 * and one cost budget for the whole object.
 */
export function evaluateRuleTree(tree: RuleNode, object: unknown, oldObject: unknown): StatusCause[] {
  const state: RunState = { causes: [], remainingBudget: RUNTIME_COST_BUDGET, deadlineMs: Date.now() + RUNTIME_DEADLINE_MS, isStopped: false }
  walk(tree, correlated('', object, oldObject ?? undefined), state)
  return state.causes
}

interface Visit {
  readonly path: string
  readonly value: unknown
  readonly old: unknown
  /** whether errors at this node are ratcheted: its value (or its nearest correlated ancestor's) is unchanged */
  readonly isUnchanged: () => boolean
}

function walk(node: RuleNode, visit: Visit, state: RunState): void {
  if (visit.value === null || visit.value === undefined || state.isStopped) return
  if (node.rules.length > 0) runNodeRules(node, visit, state)
  if (Array.isArray(visit.value) && node.items) walkItems(node, node.items, visit, state)
  else if (isObject(visit.value)) walkFields(node, visit.value, visit, state)
}

function walkFields(node: RuleNode, value: JsonObject, visit: Visit, state: RunState): void {
  const old = isObject(visit.old) ? visit.old : undefined
  for (const [key, child] of Object.entries(value)) {
    if (state.isStopped) return
    const property = node.properties?.get(key)
    const target = property ?? node.additionalProperties
    if (!target) continue
    const path = property ? childPath(visit.path, key) : indexPath(visit.path, key)
    walk(target, correlated(path, child, old?.[key]), state)
  }
}

function walkItems(node: RuleNode, items: RuleNode, visit: Visit, state: RunState): void {
  const list = visit.value as readonly unknown[]
  const oldItems = mapListIndex(node, visit.old)
  for (const [i, item] of list.entries()) {
    if (state.isStopped) return
    const path = indexPath(visit.path, i)
    // items of atomic and set lists are not correlated: their errors ratchet with the whole list
    if (oldItems) walk(items, correlated(path, item, oldItems.get(keyOf(node, item))), state)
    else walk(items, { path, value: item, old: undefined, isUnchanged: memo(() => visit.isUnchanged()) }, state)
  }
}

function correlated(path: string, value: unknown, old: unknown): Visit {
  return { path, value, old, isUnchanged: memo(() => old !== undefined && isDeepEqualJson(value, old)) }
}

function mapListIndex(node: RuleNode, old: unknown): Map<string, unknown> | undefined {
  if (node.schema.listType !== 'map' || !Array.isArray(old)) return undefined
  return new Map(old.map((item) => [keyOf(node, item), item]))
}

function keyOf(node: RuleNode, item: unknown): string {
  const keys = node.schema.listMapKeys
  return JSON.stringify(keys.map((k) => (isObject(item) ? item[k] : undefined) ?? null))
}

function memo(compute: () => boolean): () => boolean {
  let result: boolean | undefined
  return () => (result ??= compute())
}
