import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseRequestInfo, parseResourcePath } from './request-info.js'

const parse = (method: string, url: string) => {
  const parsed = new URL(url, 'http://x')
  return parseRequestInfo(method, parsed.pathname, parsed.searchParams)
}

// kube's TestGetAPIRequestInfo (staging/apiserver/pkg/endpoints/request/requestinfo_test.go):
// method, URL → verb, prefix, group, version, namespace, resource, subresource, name, parts.
const RESOURCE_CASES: [string, string, string, string, string, string, string, string, string, string, string[]][] = [
  ['GET', '/api/v1/namespaces', 'list', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['GET', '/api/v1/namespaces/other', 'get', 'api', '', 'v1', 'other', 'namespaces', '', 'other', ['namespaces', 'other']],
  ['GET', '/api/v1/namespaces/other/pods', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['GET', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['HEAD', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/proxy/namespaces/other/pods/foo', 'proxy', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['GET', '/api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource', 'proxy', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo', 'subpath', 'not', 'a', 'subresource']],
  ['GET', '/api/v1/watch/pods', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=true', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=false', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/watch/namespaces/other/pods', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=1', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=0', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo/status', 'get', 'api', '', 'v1', 'other', 'pods', 'status', 'foo', ['pods', 'foo', 'status']],
  ['GET', '/api/v1/namespaces/other/pods/foo/proxy/subpath', 'get', 'api', '', 'v1', 'other', 'pods', 'proxy', 'foo', ['pods', 'foo', 'proxy', 'subpath']],
  ['PUT', '/api/v1/namespaces/other/finalize', 'update', 'api', '', 'v1', 'other', 'namespaces', 'finalize', 'other', ['namespaces', 'other', 'finalize']],
  ['PUT', '/api/v1/namespaces/other/status', 'update', 'api', '', 'v1', 'other', 'namespaces', 'status', 'other', ['namespaces', 'other', 'status']],
  ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['DELETE', '/api/v1/namespaces/other/pods/foo', 'delete', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['POST', '/api/v1/namespaces/other/pods', 'create', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['DELETE', '/api/v1/nodes', 'deletecollection', 'api', '', 'v1', '', 'nodes', '', '', ['nodes']],
  ['DELETE', '/api/v1/namespaces', 'deletecollection', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['DELETE', '/apis/extensions/v1/namespaces/other/pods', 'deletecollection', 'apis', 'extensions', 'v1', 'other', 'pods', '', '', ['pods']],
  ['POST', '/apis/extensions/v1/namespaces/other/pods', 'create', 'apis', 'extensions', 'v1', 'other', 'pods', '', '', ['pods']],
  ['POST', '/apis/extensions/v1beta3/namespaces/other/pods', 'create', 'apis', 'extensions', 'v1beta3', 'other', 'pods', '', '', ['pods']],
]

describe('parseRequestInfo: resource requests as kube-apiserver reads them', () => {
  for (const [method, url, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts] of RESOURCE_CASES) {
    test(`${method} ${url}`, () => {
      const { path: _path, ...info } = parse(method, url)
      assert.deepEqual(info, { isResourceRequest: true, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts })
    })
  }
})

describe('parseRequestInfo: everything else is a non-resource request with the method as its verb', () => {
  // kube's errorCases and TestGetNonAPIRequestInfo
  const cases: [string, boolean][] = [
    ['/', false], ['/api/version/', false], ['/apis/group/version/', false], ['/badprefix/version/resource', false],
    ['/apis/version/resource', false], ['/not-api/version/resource', false], ['/apis/extensions/v1beta1', false],
    ['/apis/extensions/v1beta1/', false], ['/api/version', false], ['/api', false], ['', false],
    ['/api/version/resource', true], ['/apis/group/version/resource/name/subresource', true], ['/api/version/resource/name/subresource', true],
    ['/apis/batch/v1/job', true], ['/apis/batch/v1/job/foo', true], ['/apis/batch/v1/job/foo/scale', true],
  ]
  for (const [url, isResourceRequest] of cases) {
    test(`${url || '(empty)'} ${isResourceRequest ? 'is' : 'is not'} a resource request`, () => {
      assert.equal(parse('GET', url || '/').isResourceRequest, isResourceRequest)
    })
  }
  test('a non-resource request keeps its path and the lowercased method', () => {
    const info = parse('POST', '/watchplane/v1/changes?from=3')
    assert.equal(info.verb, 'post')
    assert.equal(info.path, '/watchplane/v1/changes')
  })
})

describe('parseRequestInfo: a list or watch narrowed to one name names it (kube TestSelectorParsing)', () => {
  const cases = [
    { url: '/apis/group/version/resource', verb: 'list', name: '' },
    { url: '/apis/group/version/resource?fieldSelector=metadata.name=name1', verb: 'list', name: 'name1' },
    { url: '/apis/group/version/resource?watch=true&fieldSelector=metadata.name=name1', verb: 'watch', name: 'name1' },
    { url: '/apis/group/version/resource?fieldSelector=foo=bar&labelSelector=baz=qux', verb: 'list', name: '' },
    { url: '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo', verb: 'list', name: '' },
    { url: '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=true', verb: 'watch', name: '' },
    { url: '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=false', verb: 'list', name: '' },
    { url: '/apis/group/version/resource?fieldSelector=metadata.name=foo&fieldSelector=metadata.name=bar', verb: 'list', name: 'foo' },
    { url: '/apis/group/version/resource/name?fieldSelector=foo=bar', verb: 'get', name: 'name' },
    { url: '/apis/group/version/watch/resource/name', verb: 'watch', name: 'name' },
    { url: '/api/v1/pods?fieldSelector=metadata.name=a%2Fb', verb: 'list', name: '' },
  ]
  for (const c of cases) {
    test(c.url, () => {
      const info = parse('GET', c.url)
      assert.deepEqual({ verb: info.verb, name: info.name }, { verb: c.verb, name: c.name })
    })
  }
  test('DELETE of a collection with selectors stays a deletecollection', () => {
    assert.equal(parse('DELETE', '/apis/group/version/resource?fieldSelector=foo=bar').verb, 'deletecollection')
  })
  test('GET of one object with watch set is served, and so authorized, as a watch of it', () => {
    assert.deepEqual([parse('GET', '/api/v1/namespaces/d/configmaps/a?watch=1').verb, parse('GET', '/api/v1/namespaces/d/configmaps/a?watch=0').verb], ['watch', 'get'])
  })
})

describe('parseResourcePath: the route a resource request takes', () => {
  const cases = [
    { name: 'core list in a namespace', method: 'GET', url: '/api/v1/namespaces/demo/pods', want: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'demo' } },
    { name: 'core list across namespaces', method: 'GET', url: '/api/v1/pods', want: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: '' } },
    { name: 'namespace object', method: 'GET', url: '/api/v1/namespaces/demo', want: { verb: 'get', group: '', version: 'v1', resource: 'namespaces', namespace: '', name: 'demo' } },
    { name: 'namespace status', method: 'PUT', url: '/api/v1/namespaces/demo/status', want: { verb: 'update', group: '', version: 'v1', resource: 'namespaces', namespace: '', name: 'demo', subresource: 'status' } },
    { name: 'watch', method: 'GET', url: '/apis/apps/v1/namespaces/d/deployments?watch=1', want: { verb: 'watch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'd' } },
    { name: 'deprecated watch path', method: 'GET', url: '/api/v1/watch/namespaces/d/pods', want: { verb: 'watch', group: '', version: 'v1', resource: 'pods', namespace: 'd' } },
    { name: 'a name from a field selector is no path name', method: 'GET', url: '/api/v1/namespaces/d/pods?fieldSelector=metadata.name%3Dx', want: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'd' } },
    { name: 'scale subresource', method: 'PATCH', url: '/apis/apps/v1/namespaces/d/deployments/x/scale', want: { verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'd', name: 'x', subresource: 'scale' } },
    { name: 'deletecollection', method: 'DELETE', url: '/api/v1/namespaces/d/pods', want: { verb: 'deletecollection', group: '', version: 'v1', resource: 'pods', namespace: 'd' } },
    { name: 'discovery is not a resource', method: 'GET', url: '/api/v1', want: undefined },
    { name: 'group discovery is not a resource', method: 'GET', url: '/apis/apps/v1', want: undefined },
    { name: 'too deep', method: 'GET', url: '/api/v1/namespaces/d/pods/x/status/y', want: undefined },
    { name: 'a proxy has no route', method: 'GET', url: '/api/v1/proxy/namespaces/d/pods/x', want: undefined },
    { name: 'an unknown method has no route', method: 'OPTIONS', url: '/api/v1/namespaces/d/pods', want: undefined },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const url = new URL(c.url, 'http://x')
      assert.deepEqual(parseResourcePath(c.method, url.pathname, url.searchParams), c.want)
    })
  }
})
