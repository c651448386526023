import assert from 'node:assert/strict'
import { test } from 'node:test'
import { resolveResourceType } from './resource-type.js'

const cases = [
  { typed: 'pods', want: 'pods' },
  { typed: 'pod', want: 'pods' },
  { typed: 'po', want: 'pods' },
  { typed: 'Pod', want: 'pods' },
  { typed: 'deployments', want: 'apps/deployments' },
  { typed: 'deploy', want: 'apps/deployments' },
  { typed: 'deployments.apps', want: 'apps/deployments' },
  { typed: 'deployment.v1.apps', want: 'apps/deployments' },
  { typed: 'leases.coordination.k8s.io', want: 'coordination.k8s.io/leases' },
  { typed: 'ns', want: 'namespaces', isNamespaced: false },
]
for (const c of cases) {
  test(`resource type ${c.typed} → ${c.want}`, () => {
    const resolved = resolveResourceType(c.typed)
    assert.equal(resolved.storageResource, c.want)
    assert.equal(resolved.isNamespaced, c.isNamespaced ?? true)
  })
}

test('an unknown type or a wrong group names the known ones', () => {
  for (const typed of ['widgets', 'deployments.batch']) {
    assert.throws(() => resolveResourceType(typed), (e: Error) => e.name === 'CliError' && /known: .*deployments\.apps \(deploy\)/.test(e.message))
  }
})
