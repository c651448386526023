import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { rule, type PolicyRule } from './policy-rule.js'
import { uncoveredRules } from './covers.js'
import { compactString, escalationMessage } from './escalation.js'

// kube's policy_comparator_test.go cases (pkg/registry/rbac/validation): owner rules, the rules
// they are asked to grant, and what stays uncovered.

const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []) => rule(verbs, { apiGroups, resources, resourceNames })
const urls = (verbs: string[], nonResourceURLs: string[]) => rule(verbs, { nonResourceURLs })

const cases: { name: string; owner: PolicyRule[]; servant: PolicyRule[]; uncovered: PolicyRule[] }[] = [
  { name: 'exact match', owner: [r(['get'], ['v1'], ['builds'])], servant: [r(['get'], ['v1'], ['builds'])], uncovered: [] },
  {
    name: 'several rules covering one',
    owner: [r(['delete'], ['v1'], ['deployments']), r(['delete'], ['v1'], ['builds']), r(['update'], ['v1'], ['builds', 'deployments'])],
    servant: [r(['delete', 'update'], ['v1'], ['builds', 'deployments'])],
    uncovered: [],
  },
  {
    name: 'one rule covering several groups',
    owner: [r(['delete', 'update'], ['group1', 'group2'], ['builds', 'deployments'])],
    servant: [r(['delete'], ['group1'], ['deployments']), r(['update'], ['group2'], ['builds', 'deployments'])],
    uncovered: [],
  },
  {
    name: 'one verb-resource combination missing',
    owner: [r(['delete', 'update'], ['v1'], ['builds', 'deployments']), r(['delete'], ['v1'], ['pods'])],
    servant: [r(['delete', 'update'], ['v1'], ['builds', 'deployments', 'pods'])],
    uncovered: [r(['update'], ['v1'], ['pods'])],
  },
  { name: 'group star covers groups', owner: [r(['get'], ['*'], ['roles'])], servant: [r(['get'], ['group1', 'group2'], ['roles'])], uncovered: [] },
  { name: 'a group does not cover the group star', owner: [r(['get'], ['dummy-group'], ['roles'])], servant: [r(['get'], ['*'], ['roles'])], uncovered: [r(['get'], ['*'], ['roles'])] },
  { name: 'verb star covers verbs', owner: [r(['*'], ['v1'], ['roles'])], servant: [r(['watch', 'list'], ['v1'], ['roles'])], uncovered: [] },
  {
    name: 'verbs do not cover the verb star',
    owner: [r(['get', 'list', 'watch', 'create', 'update', 'delete', 'exec'], ['v1'], ['roles'])],
    servant: [r(['*'], ['v1'], ['roles'])],
    uncovered: [r(['*'], ['v1'], ['roles'])],
  },
  { name: 'resource star covers resources', owner: [r(['get'], ['v1'], ['*'])], servant: [r(['get'], ['v1'], ['deployments'])], uncovered: [] },
  { name: 'resources do not cover the resource star', owner: [r(['get'], ['v1'], ['roles', 'deployments'])], servant: [r(['get'], ['v1'], ['*'])], uncovered: [r(['get'], ['v1'], ['*'])] },
  { name: 'star subresource covers that subresource', owner: [r(['get'], ['apps'], ['*/scale'])], servant: [r(['get'], ['apps'], ['deployments/scale'])], uncovered: [] },
  { name: 'a resource does not cover its subresource', owner: [r(['get'], ['apps'], ['deployments'])], servant: [r(['get'], ['apps'], ['deployments/scale'])], uncovered: [r(['get'], ['apps'], ['deployments/scale'])] },
  { name: 'no names covers names', owner: [r(['get'], ['v1'], ['pods'])], servant: [r(['get'], ['v1'], ['pods'], ['foo', 'bar'])], uncovered: [] },
  { name: 'names do not cover all names', owner: [r(['get'], ['v1'], ['pods'], ['foo', 'bar'])], servant: [r(['get'], ['v1'], ['pods'])], uncovered: [r(['get'], ['v1'], ['pods'])] },
  { name: 'non-resource URLs', owner: [urls(['*'], ['/apis'])], servant: [urls(['*'], ['/apis'])], uncovered: [] },
  { name: 'URL star covers URLs', owner: [urls(['*'], ['*'])], servant: [urls(['*'], ['/apis', '/apis/v1', '/'])], uncovered: [] },
  { name: 'a prefix star does not cover the bare prefix', owner: [urls(['*'], ['/apis/*'])], servant: [urls(['get'], ['/apis', '/apis/v1'])], uncovered: [urls(['get'], ['/apis'])] },
  { name: 'a prefix star covers paths under it', owner: [urls(['*'], ['/apis/*'])], servant: [urls(['get'], ['/apis/v1/foo', '/apis/v1'])], uncovered: [] },
  {
    name: 'URLs beside resources must be held too',
    owner: [r(['get'], ['v1'], ['builds'])],
    servant: [rule(['get'], { apiGroups: ['v1'], resources: ['builds'], nonResourceURLs: ['/apis'] })],
    uncovered: [urls(['get'], ['/apis'])],
  },
]

describe('uncoveredRules (kube policy_comparator_test.go)', () => {
  for (const c of cases) test(c.name, () => assert.deepEqual(uncoveredRules(c.owner, c.servant), c.uncovered))
})

describe('escalationMessage (kube ConfirmNoEscalation)', () => {
  const jane = { name: 'jane', groups: ['system:authenticated', 'dev'] }

  test('nothing to say when the owner holds it all', () => {
    assert.equal(escalationMessage(jane, { rules: [r(['*'], ['*'], ['*'])], errors: [] }, [r(['get'], [''], ['secrets'])]), undefined)
  })

  test('missing rules compacted by group and resource, sorted, one per line', () => {
    const owned = { rules: [r(['get', 'list'], [''], ['pods'])], errors: [] }
    const granted = [r(['get', 'list', 'delete'], [''], ['pods', 'secrets']), urls(['get'], ['/metrics']), r(['get'], [''], ['configmaps'], ['cm'])]
    assert.equal(escalationMessage(jane, owned, granted), [
      'user "jane" (groups=["system:authenticated" "dev"]) is attempting to grant RBAC permissions not currently held:',
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["cm"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
      '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "delete"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ].join('\n'))
  })

  test('errors met resolving the owner\'s own rules are appended, as kube appends them', () => {
    const owned = { rules: [], errors: [{ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' } }] }
    assert.equal(escalationMessage({ name: 'x', groups: [] }, owned, [r(['get'], [''], ['pods'])]),
      'user "x" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}; resolution errors: [roles.rbac.authorization.k8s.io "gone" not found]')
  })

  test('compactString leaves unset fields out', () => {
    assert.equal(compactString(urls(['get'], ['/healthz'])), '{NonResourceURLs:["/healthz"], Verbs:["get"]}')
  })
})
