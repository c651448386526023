import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AuthorizationAttributes } from '../authorization-attributes.js'
import { rule, type PolicyRule } from './policy-rule.js'
import { ruleAllows } from './rule-allows.js'

// The cases of kube's TestRuleMatches (plugin/pkg/auth/authorizer/rbac/rbac_test.go), written as
// `verb group/resource[/subresource] [name]` (`core` is the group "") or `verb /url`, plus
// resourceNames and `*/subresource`.

const user = { name: 'u', groups: [] }

function request(text: string): AuthorizationAttributes {
  const [verb = '', target = '', name] = text.split(' ')
  if (target.startsWith('/')) return { user, verb, isResourceRequest: false, path: target }
  const [group = '', resource = '', subresource] = target.split('/')
  return { user, verb, isResourceRequest: true, apiGroup: group === 'core' ? '' : group, resource, ...(subresource ? { subresource } : {}), ...(name ? { name } : {}) }
}

const cases: { name: string; rule: PolicyRule; allowed: string[]; denied: string[] }[] = [
  {
    name: 'star verb, exact match other',
    rule: rule(['*'], { apiGroups: ['group1'], resources: ['resource1'] }),
    allowed: ['verb1 group1/resource1', 'verb2 group1/resource1'],
    denied: ['verb1 group2/resource1', 'verb1 group1/resource2', 'verb2 group2/resource2'],
  },
  {
    name: 'star group, exact match other',
    rule: rule(['verb1'], { apiGroups: ['*'], resources: ['resource1'] }),
    allowed: ['verb1 group1/resource1', 'verb1 group2/resource1'],
    denied: ['verb1 group1/resource2', 'verb2 group1/resource1', 'verb2 group2/resource1'],
  },
  {
    name: 'star resource, exact match other',
    rule: rule(['verb1'], { apiGroups: ['group1'], resources: ['*'] }),
    allowed: ['verb1 group1/resource1', 'verb1 group1/resource2', 'verb1 group1/resource2/sub'],
    denied: ['verb1 group2/resource1', 'verb2 group1/resource1'],
  },
  {
    name: 'tuple expansion',
    rule: rule(['verb1', 'verb2'], { apiGroups: ['group1', 'group2'], resources: ['resource1', 'resource2'] }),
    allowed: ['verb1 group1/resource1', 'verb1 group2/resource2', 'verb2 group1/resource2', 'verb2 group2/resource1'],
    denied: ['verb3 group1/resource1', 'verb1 group3/resource1'],
  },
  {
    name: 'subresource expansion',
    rule: rule(['*'], { apiGroups: ['*'], resources: ['resource1/subresource1'] }),
    allowed: ['verb1 group1/resource1/subresource1', 'verb2 group1/resource1/subresource1'],
    denied: ['verb1 group2/resource1/subresource2', 'verb1 group1/resource2/subresource1', 'verb1 group1/resource1'],
  },
  {
    name: 'a resource does not cover its subresources (rbac_test.go TestAuthorizer)',
    rule: rule(['*'], { apiGroups: ['*'], resources: ['pods'] }),
    allowed: ['get core/pods'],
    denied: ['get core/pods/status'],
  },
  {
    name: 'star subresource: any resource\'s scale',
    rule: rule(['get'], { apiGroups: ['*'], resources: ['*/scale'] }),
    allowed: ['get apps/deployments/scale', 'get core/replicationcontrollers/scale'],
    denied: ['get apps/deployments', 'get apps/deployments/status', 'get apps/scale'],
  },
  {
    name: 'resourceNames restrict to named objects; requests without a name do not match',
    rule: rule(['get', 'list'], { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }),
    allowed: ['get core/secrets a'],
    denied: ['get core/secrets b', 'list core/secrets'],
  },
  {
    name: 'star nonresource, exact match other',
    rule: rule(['verb1'], { nonResourceURLs: ['*'] }),
    allowed: ['verb1 /foo', 'verb1 /foo/bar', 'verb1 /foo/baz/one'],
    denied: ['verb2 /foo', 'verb2 /foo/bar/one'],
  },
  {
    name: 'star nonresource subpath',
    rule: rule(['verb1'], { nonResourceURLs: ['/foo/*'] }),
    allowed: ['verb1 /foo/bar', 'verb1 /foo/baz', 'verb1 /foo/bar/one', 'verb1 /foo/'],
    denied: ['verb1 /foo', 'verb1 /notfoo', 'verb1 /notfoo/bar', 'verb1 /notfoo/baz/one'],
  },
  {
    name: 'star verb, exact nonresource',
    rule: rule(['*'], { nonResourceURLs: ['/foo', '/foo/bar/one'] }),
    allowed: ['verb1 /foo', 'verb1 /foo/bar/one', 'verb2 /foo', 'verb2 /foo/bar/one'],
    denied: ['verb1 /foo/bar', 'verb1 /foo/baz', 'verb2 /foo/baz/one'],
  },
  {
    name: 'a resource rule never matches a non-resource request, nor the reverse',
    rule: rule(['*'], { apiGroups: ['*'], resources: ['*'] }),
    allowed: ['get group1/anything'],
    denied: ['get /healthz'],
  },
]

describe('ruleAllows: one rule, one request (kube rbac_test.go TestRuleMatches)', () => {
  for (const c of cases) {
    test(c.name, () => {
      for (const text of c.allowed) assert.equal(ruleAllows(request(text), c.rule), true, `${text} should be allowed`)
      for (const text of c.denied) assert.equal(ruleAllows(request(text), c.rule), false, `${text} should be denied`)
    })
  }
})
