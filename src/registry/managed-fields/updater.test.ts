import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toFieldsV1 } from '../field-set/fields-v1.js'
import { pathToString } from '../field-set/path-element.js'
import { rootType } from './test-schemas.fixture.js'
import { toFieldSet } from './to-field-set.js'
import { applyToManagers, ApplyConflicts, updateManagers, type ManagerSets, type UpdaterContext } from './updater.js'

type Operation =
  | { apply: string; object: unknown; force?: boolean; conflicts?: string[] }
  | { update: string; object: unknown }

interface Case {
  name: string
  ops: Operation[]
  object: unknown
  /** each manager's fields, as FieldsV1 */
  managed: Record<string, unknown>
}

/** smd's merge test harness (merge/*_test.go TestCase), over our updater: runs the operations in turn. */
function run(ops: Operation[]): { object: unknown; managers: ManagerSets } {
  const ctx: UpdaterContext = { type: rootType(), apiVersion: 'v1' }
  let object: unknown = {}
  let managers: ManagerSets = new Map()
  for (const op of ops) {
    if ('update' in op) {
      managers = updateManagers(ctx, { live: object, next: op.object, managers, manager: op.update })
      object = op.object
      continue
    }
    try {
      const configSet = toFieldSet(op.object, ctx.type)
      const result = applyToManagers(ctx, { live: object, config: op.object, configSet, managers, manager: op.apply, force: op.force ?? false })
      assert.equal(op.conflicts, undefined, `expected conflicts ${op.conflicts}`)
      object = result.object ?? object
      managers = result.managers
    } catch (error) {
      if (!(error instanceof ApplyConflicts)) throw error
      assert.deepEqual(error.conflicts.map((c) => `${c.manager} ${pathToString(c.path)}`), op.conflicts)
    }
  }
  return { object, managers }
}

// Scenarios from structured-merge-diff merge/leaf_test.go, set_test.go and multiple_appliers_test.go
// (one version here: conversion between versions is not something watchplane serves).
const cases: Case[] = [
  {
    name: 'leaf: a conflict with an updater, then forced: the field moves, the rest stays',
    ops: [
      { apply: 'default', object: { numeric: 1, string: 'string' } },
      { update: 'controller', object: { numeric: 1, string: 'controller string', bool: true } },
      { apply: 'default', object: { numeric: 2, string: 'user string' }, conflicts: ['controller .string'] },
      { apply: 'default', object: { numeric: 2, string: 'user string' }, force: true },
    ],
    object: { numeric: 2, string: 'user string', bool: true },
    managed: { default: { 'f:numeric': {}, 'f:string': {} }, controller: { 'f:bool': {} } },
  },
  {
    name: 'leaf: applied twice, the fields dropped the second time are removed',
    ops: [
      { apply: 'default', object: { numeric: 1, string: 'string', bool: false } },
      { apply: 'default', object: { string: 'new string' } },
    ],
    object: { string: 'new string' },
    managed: { default: { 'f:string': {} } },
  },
  {
    name: 'leaf: an updater took the field, so omitting it does not remove it',
    ops: [
      { apply: 'default', object: { numeric: 2 } },
      { update: 'controller', object: { numeric: 1 } },
      { apply: 'default', object: {} },
    ],
    object: { numeric: 1 },
    managed: { controller: { 'f:numeric': {} } },
  },
  {
    name: 'leaf: a manager left with nothing is gone',
    ops: [{ apply: 'default', object: { string: 'string' } }, { update: 'controller', object: { string: 'new string' } }],
    object: { string: 'new string' },
    managed: { controller: { 'f:string': {} } },
  },
  {
    name: 'set: apply, update, apply with overlap: equal items are co-owned',
    ops: [
      { apply: 'default', object: { setStr: ['a', 'c'] } },
      { update: 'controller', object: { setStr: ['a', 'b', 'c', 'd'] } },
      { apply: 'default', object: { setStr: ['a', 'b', 'c'] } },
    ],
    object: { setStr: ['a', 'b', 'c', 'd'] },
    managed: {
      default: { 'f:setStr': { 'v:"a"': {}, 'v:"b"': {}, 'v:"c"': {} } },
      controller: { 'f:setStr': { 'v:"b"': {}, 'v:"d"': {} } },
    },
  },
  {
    name: 'set: apply, update, apply without overlap keeps the updater\'s items in place',
    ops: [
      { apply: 'default', object: { setStr: ['a', 'c'] } },
      { update: 'controller', object: { setStr: ['a', 'b', 'c', 'd'] } },
      { apply: 'default', object: { setStr: ['a', 'aprime', 'c', 'cprime'] } },
    ],
    object: { setStr: ['a', 'b', 'aprime', 'c', 'd', 'cprime'] },
    managed: {
      default: { 'f:setStr': { 'v:"a"': {}, 'v:"aprime"': {}, 'v:"c"': {}, 'v:"cprime"': {} } },
      controller: { 'f:setStr': { 'v:"b"': {}, 'v:"d"': {} } },
    },
  },
  {
    name: 'multiple appliers: removing one item keeps the other applier\'s',
    ops: [
      { apply: 'apply-one', object: { named: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
      { apply: 'apply-two', object: { named: [{ name: 'c' }, { name: 'd' }] } },
      { apply: 'apply-one', object: { named: [{ name: 'a' }] } },
    ],
    object: { named: [{ name: 'a' }, { name: 'c' }, { name: 'd' }] },
    managed: {
      'apply-one': { 'f:named': { 'k:{"name":"a"}': { '.': {}, 'f:name': {} } } },
      'apply-two': { 'f:named': { 'k:{"name":"c"}': { '.': {}, 'f:name': {} }, 'k:{"name":"d"}': { '.': {}, 'f:name': {} } } },
    },
  },
  {
    name: 'multiple appliers: the same value is no conflict, a different one is',
    ops: [
      { apply: 'apply-one', object: { named: [{ name: 'a', value: 0 }] } },
      { apply: 'apply-two', object: { named: [{ name: 'a', value: 0 }] } },
      { apply: 'apply-three', object: { named: [{ name: 'a', value: 1 }] }, conflicts: ['apply-one .named[name="a"].value', 'apply-two .named[name="a"].value'] },
    ],
    object: { named: [{ name: 'a', value: 0 }] },
    managed: {
      'apply-one': { 'f:named': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } },
      'apply-two': { 'f:named': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } },
    },
  },
  {
    name: 'a co-owned field stays when one owner stops applying it (kube TestApplyUnsetSharedFields)',
    ops: [
      { apply: 'one', object: { string: 'x', numeric: 3 } },
      { apply: 'two', object: { string: 'x', numeric: 3 } },
      { apply: 'one', object: { string: 'x' } },
    ],
    object: { string: 'x', numeric: 3 },
    managed: { one: { 'f:string': {} }, two: { 'f:numeric': {}, 'f:string': {} } },
  },
  {
    name: 'an item goes with its fields an updater set inside it (kube TestApplyCanRemoveMapItemsContributedToByControllers)',
    ops: [
      { apply: 'applier', object: { named: [{ name: 'nginx', value: 1 }] } },
      { update: 'updater', object: { named: [{ name: 'nginx', value: 1, other: 'workingDir' }] } },
      { apply: 'applier', object: { named: [{ name: 'other', value: 1 }] } },
    ],
    object: { named: [{ name: 'other', value: 1 }] },
    // The item's removal takes its fields out of every set, so the updater has nothing left.
    managed: { applier: { 'f:named': { 'k:{"name":"other"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } },
  },
  {
    name: 'an atomic list and an atomic map are owned and replaced whole',
    ops: [
      { apply: 'one', object: { atomicList: ['a', 'b'], selector: { a: '1' } } },
      { apply: 'one', object: { atomicList: ['c'], selector: { b: '2' } } },
    ],
    object: { atomicList: ['c'], selector: { b: '2' } },
    managed: { one: { 'f:atomicList': {}, 'f:selector': {} } },
  },
]

for (const c of cases) {
  test(`updater: ${c.name}`, () => {
    const { object, managers } = run(c.ops)
    assert.deepEqual(object, c.object)
    assert.deepEqual(Object.fromEntries([...managers].map(([name, entry]) => [name, toFieldsV1(entry.set)])), c.managed)
  })
}
