import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'
import { KUBE_DISCOVERY, type KubeResource } from './kube-discovery-1.32.js'

const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'
const served = (r: KubeResource) => Object.entries(r.subresources ?? {}).filter(([, s]) => !s.notServed)
const sorted = (names: string[]) => [...names].sort()
const pathOf = (groupVersion: string) => (groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`)

// Every served kind's discovery, kind by kind, against kube-apiserver 1.32's (kube-discovery-1.32.ts).
describe('discovery: each served kind as kube-apiserver 1.32 lists it', () => {
  let server: RunningWatchplane
  const legacy = new Map<string, any>()
  let aggregated: any[] = []
  before(async () => {
    server = await startServer()
    for (const groupVersion of Object.keys(KUBE_DISCOVERY)) legacy.set(groupVersion, (await request(server.url, pathOf(groupVersion))).body)
    for (const path of ['/api', '/apis']) {
      const answer = await request(server.url, path, { accept: AGGREGATED_V2 })
      assert.equal(answer.headers.get('content-type'), AGGREGATED_V2)
      aggregated = [...aggregated, ...answer.body.items]
    }
  })
  after(() => server.close())

  test('the served group versions are exactly the table\'s', async () => {
    const groups = (await request(server.url, '/apis')).body.groups.map((g: any) => g.preferredVersion.groupVersion)
    assert.deepEqual(sorted(['v1', ...groups]), sorted(Object.keys(KUBE_DISCOVERY)))
  })

  for (const [groupVersion, resources] of Object.entries(KUBE_DISCOVERY)) {
    test(`${pathOf(groupVersion)} lists the table's kinds and their served subresources, nothing else`, () => {
      const names = legacy.get(groupVersion).resources.map((r: any) => r.name)
      const expected = resources.flatMap((r) => [r.name, ...served(r).map(([sub]) => `${r.name}/${sub}`)])
      assert.deepEqual(sorted(names), sorted(expected))
    })

    for (const kube of resources) {
      test(`${groupVersion} ${kube.name}: legacy discovery`, () => {
        const list = legacy.get(groupVersion).resources
        const entry = list.find((r: any) => r.name === kube.name)
        const { subresources: _subresources, ...main } = kube
        assert.deepEqual(entry, main)
        for (const [sub, want] of served(kube)) {
          const subEntry = list.find((r: any) => r.name === `${kube.name}/${sub}`)
          const kind = want.responseKind ? { group: want.responseKind.group, version: want.responseKind.version, kind: want.responseKind.kind } : { kind: kube.kind }
          assert.deepEqual(subEntry, { name: `${kube.name}/${sub}`, singularName: '', namespaced: kube.namespaced, ...kind, verbs: want.verbs })
        }
      })

      test(`${groupVersion} ${kube.name}: aggregated discovery v2`, () => {
        const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion]
        const item = aggregated.find((i) => i.metadata.name === group)
        const resource = item.versions.find((v: any) => v.version === version).resources.find((r: any) => r.resource === kube.name)
        // Built-in kinds leave responseKind's group and version empty; Scale names autoscaling/v1.
        const subresources = served(kube).map(([sub, want]) => ({ subresource: sub, responseKind: want.responseKind ?? { group: '', version: '', kind: kube.kind }, verbs: want.verbs }))
        assert.deepEqual(
          { ...resource, ...(resource.subresources ? { subresources: sortBySubresource(resource.subresources) } : {}) },
          {
            resource: kube.name,
            responseKind: { group: '', version: '', kind: kube.kind },
            scope: kube.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: kube.singularName,
            verbs: kube.verbs,
            ...(kube.shortNames ? { shortNames: kube.shortNames } : {}),
            ...(kube.categories ? { categories: kube.categories } : {}),
            ...(subresources.length ? { subresources: sortBySubresource(subresources) } : {}),
          },
        )
      })
    }
  }
})

const sortBySubresource = <T extends { subresource: string }>(list: T[]) => [...list].sort((a, b) => a.subresource.localeCompare(b.subresource))
