import { FieldSet } from '../field-set/field-set.js'
import type { Token } from '../field-set/path-element.js'
import { valuesEqual } from '../field-set/value-order.js'
import type { TypeDescription } from '../type-description/type-description.js'
import { compareObjects, type Comparison } from './compare.js'
import { mergeApplied } from './merge.js'
import { ensureNamedFieldsAreMembers, removeItems } from './remove-items.js'
import { toFieldSet } from './to-field-set.js'

/** One manager's fields: what it applied (`applied`) or last changed with updates. */
export interface ManagerSet {
  set: FieldSet
  apiVersion: string
  applied: boolean
}

/** Every manager's fields, by manager identifier (see managed-entries.ts). */
export type ManagerSets = Map<string, ManagerSet>

/** Fields a kind's strategy resets on this endpoint (k8s GetResetFields): never anybody's. */
export type FieldFilter = (set: FieldSet) => FieldSet

export interface UpdaterContext {
  type: TypeDescription
  /** the request's group/version; sets of other versions were dropped before */
  apiVersion: string
  ignore?: FieldFilter
}

export interface Conflict {
  /** the identifier of the manager that owns the field */
  manager: string
  path: Token[]
}

/** An apply that would change fields other managers own, without force. */
export class ApplyConflicts extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`Apply failed with ${conflicts.length} conflicts`)
  }
}

const filtered = (ctx: UpdaterContext, set: FieldSet) => (ctx.ignore ? ctx.ignore(set) : set)

/**
 * smd's Updater.update (k8s: structured-merge-diff merge/update.go): the fields other managers own
 * that this change modifies or adds are conflicts (an error unless forced; forced, they move);
 * fields it removes leave everyone's sets; managers left with nothing go.
 */
function update(ctx: UpdaterContext, change: { live: unknown; next: unknown; managers: ManagerSets; workflow: string; force: boolean }) {
  // The comparison is filtered (compare.FilterFields) where it meets other managers' sets; the
  // caller filters what it keeps of it. A create has no other managers and skips both.
  const comparison: Comparison = compareObjects(change.live, change.next, ctx.type)
  const managers: ManagerSets = new Map()
  if (change.managers.size === 0) return { managers, comparison }
  const changed = filtered(ctx, comparison.modified.union(comparison.added))
  const removed = filtered(ctx, comparison.removed)
  const conflicts: Conflict[] = []
  for (const id of [...change.managers.keys()].sort()) {
    const entry = change.managers.get(id)!
    if (id === change.workflow) {
      if (!entry.set.isEmpty) managers.set(id, entry)
      continue
    }
    const conflicting = entry.set.intersection(changed)
    conflicting.iterate((path) => conflicts.push({ manager: id, path }))
    const set = entry.set.difference(conflicting).difference(removed)
    if (!set.isEmpty) managers.set(id, set === entry.set ? entry : { ...entry, set })
  }
  if (!change.force && conflicts.length > 0) throw new ApplyConflicts(conflicts)
  return { managers, comparison }
}

/**
 * smd's Updater.Update, for create, update and patch: the manager gains the fields the write
 * modified or added and loses those it removed; everyone else loses what changed under them.
 */
export function updateManagers(ctx: UpdaterContext, change: { live: unknown; next: unknown; managers: ManagerSets; manager: string }): ManagerSets {
  const { managers, comparison } = update(ctx, { ...change, workflow: change.manager, force: true })
  const previous = managers.get(change.manager)?.set ?? FieldSet.empty()
  const set = filtered(ctx, previous.difference(comparison.removed).union(comparison.modified).union(comparison.added))
  if (set.isEmpty) managers.delete(change.manager)
  else managers.set(change.manager, { set, apiVersion: ctx.apiVersion, applied: false })
  return managers
}

export interface ApplyResult {
  /** the new object; undefined when the apply changes nothing */
  object: unknown
  managers: ManagerSets
}

/**
 * smd's Updater.Apply: merge the configuration in, make its fields (`configSet`) the manager's applied set, drop
 * what the manager applied before and no longer does (unless someone else owns it), then take the
 * changed fields from the others, or fail with the conflicts.
 */
export function applyToManagers(
  ctx: UpdaterContext,
  change: { live: unknown; config: unknown; configSet: FieldSet; managers: ManagerSets; manager: string; force: boolean },
): ApplyResult {
  const merged = mergeApplied(change.live, change.config, ctx.type)
  const lastSet = change.managers.get(change.manager)
  const managers = new Map(change.managers)
  managers.set(change.manager, { set: filtered(ctx, change.configSet), apiVersion: ctx.apiVersion, applied: true })
  const next = prune(ctx, { merged, managers, lastSet })
  const updated = update(ctx, { live: change.live, next, managers, workflow: change.manager, force: change.force })
  return { object: valuesEqual(change.live, next) ? undefined : next, managers: updated.managers }
}

/**
 * smd's Updater.prune with addBackOwnedItems and addBackDanglingItems: removes a field, list or map
 * item only if the applying manager applied it last time, does not now, and no one else owns it.
 */
function prune(ctx: UpdaterContext, state: { merged: unknown; managers: ManagerSets; lastSet: ManagerSet | undefined }): unknown {
  const { merged, lastSet } = state
  if (!lastSet || lastSet.set.isEmpty) return merged
  const { type } = ctx
  const named = (set: FieldSet) => ensureNamedFieldsAreMembers(set, type)
  const last = named(lastSet.set)
  let pruned = removeItems(merged, last, type) ?? {}
  let managed = FieldSet.empty()
  for (const entry of state.managers.values()) managed = managed.union(entry.set)
  const mergedSet = named(toFieldSet(merged, type))
  pruned = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned, type)).union(named(managed))), type) ?? {}
  const dangling = mergedSet.difference(named(toFieldSet(pruned, type))).intersection(last)
  return removeItems(merged, dangling, type) ?? {}
}
