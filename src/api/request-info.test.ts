import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseResourcePath } from './request-info.js'

const cases = [
  { name: 'core list in a namespace', method: 'GET', url: '/api/v1/namespaces/demo/pods', want: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'demo' } },
  { name: 'core list across namespaces', method: 'GET', url: '/api/v1/pods', want: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: '' } },
  { name: 'namespace object', method: 'GET', url: '/api/v1/namespaces/demo', want: { verb: 'get', group: '', version: 'v1', resource: 'namespaces', namespace: '', name: 'demo' } },
  { name: 'namespace status', method: 'PUT', url: '/api/v1/namespaces/demo/status', want: { verb: 'update', group: '', version: 'v1', resource: 'namespaces', namespace: '', name: 'demo', subresource: 'status' } },
  { name: 'watch', method: 'GET', url: '/apis/apps/v1/namespaces/d/deployments?watch=1', want: { verb: 'watch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'd' } },
  { name: 'scale subresource', method: 'PATCH', url: '/apis/apps/v1/namespaces/d/deployments/x/scale', want: { verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'd', name: 'x', subresource: 'scale' } },
  { name: 'deletecollection', method: 'DELETE', url: '/api/v1/namespaces/d/pods', want: { verb: 'deletecollection', group: '', version: 'v1', resource: 'pods', namespace: 'd' } },
  { name: 'discovery is not a resource', method: 'GET', url: '/api/v1', want: undefined },
  { name: 'group discovery is not a resource', method: 'GET', url: '/apis/apps/v1', want: undefined },
  { name: 'too deep', method: 'GET', url: '/api/v1/namespaces/d/pods/x/status/y', want: undefined },
]

for (const c of cases) {
  test(c.name, () => {
    const url = new URL(c.url, 'http://x')
    assert.deepEqual(parseResourcePath(c.method, url.pathname, url.searchParams), c.want)
  })
}
