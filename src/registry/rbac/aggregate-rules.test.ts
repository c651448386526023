import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { rule } from '../../auth/rbac/policy-rule.js'
import { RBAC_RESOURCES } from '../../auth/rbac/rbac-index.js'
import { clusterRole, indexOf } from '../../auth/rbac/rbac-objects.fixture.js'
import { aggregatedRules } from './aggregate-rules.js'

// kube's clusterroleaggregation controller (clusterroleaggregation_controller_test.go): the union
// of the selected roles' rules, selector by selector, in role name order, without repeats.

const pods = rule(['get'], { apiGroups: [''], resources: ['pods'] })
const secrets = rule(['get'], { apiGroups: [''], resources: ['secrets'] })
const nodes = rule(['list'], { apiGroups: [''], resources: ['nodes'] })

function aggregated(selectors: unknown[], others: KubeObject[]) {
  const parent: KubeObject = { ...clusterRole('parent', [nodes], { 'agg': 'true' }), aggregationRule: { clusterRoleSelectors: selectors } }
  const index = indexOf([parent, ...others])
  return aggregatedRules(index.clusterRole('parent')!, [...index.clusterRoles()])
}

describe('aggregatedRules', () => {
  test('rules of the matching roles, by name, each rule once; the role itself and others left out', () => {
    const rules = aggregated([{ matchLabels: { agg: 'true' } }], [
      clusterRole('b', [secrets, pods], { agg: 'true' }),
      clusterRole('a', [pods], { agg: 'true' }),
      clusterRole('c', [nodes], { agg: 'false' }),
    ])
    assert.deepEqual(rules, [pods, secrets])
  })

  test('several selectors: the union, in selector order', () => {
    const rules = aggregated([{ matchLabels: { second: 'true' } }, { matchExpressions: [{ key: 'first', operator: 'Exists' }] }], [
      clusterRole('a', [pods], { first: 'x' }),
      clusterRole('b', [secrets], { second: 'true' }),
    ])
    assert.deepEqual(rules, [secrets, pods])
  })

  test('no match: no rules; an invalid selector: undefined (left as it is)', () => {
    assert.deepEqual(aggregated([{ matchLabels: { none: 'true' } }], [clusterRole('a', [pods])]), [])
    assert.equal(aggregated([{ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] }], []), undefined)
  })

  test('the index keeps the selectors of an aggregated role, and none for a plain one', () => {
    const index = indexOf([{ ...clusterRole('p', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } }, clusterRole('q', [])])
    assert.deepEqual(index.clusterRole('p')!.clusterRoleSelectors, [{ matchLabels: { a: 'b' } }])
    assert.equal(index.clusterRole('q')!.clusterRoleSelectors, undefined)
    index.remove(RBAC_RESOURCES.clusterRoles, { namespace: '', name: 'p' })
    assert.equal(index.clusterRole('p'), undefined)
  })
})
