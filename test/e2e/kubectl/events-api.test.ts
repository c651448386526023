import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'
import { openChunkedWatch } from '../watch/chunked-watch.js'

const EVENTS_V1 = '/apis/events.k8s.io/v1/namespaces/default/events'
const CORE_EVENTS = '/api/v1/namespaces/default/events'
const now = () => new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')

// events.k8s.io/v1 and core/v1 events are one storage in kube-apiserver (pkg/registry/core/event):
// an event written through either API reads through both, converted field for field.
describe('kubectl: events.k8s.io/v1 over the core events', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  let podUid: string
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await kubectl.ok(['run', 'x', '--image=nginx'])
    podUid = (await request(server.url, '/api/v1/namespaces/default/pods/x')).body.metadata.uid
  })
  after(() => server.close())

  test('an event created through events.k8s.io/v1 is in describe\'s Events, found through the core API\'s involvedObject selectors', async () => {
    const created = await request(server.url, EVENTS_V1, {
      method: 'POST',
      body: {
        apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x.pulled' }, eventTime: now(), reportingController: 'kubelet',
        reportingInstance: 'node-1', action: 'Pulling', reason: 'Pulled', note: 'Successfully pulled image "nginx"', type: 'Normal',
        regarding: { kind: 'Pod', namespace: 'default', name: 'x', uid: podUid, apiVersion: 'v1' },
      },
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.apiVersion, 'events.k8s.io/v1')
    assert.equal(created.body.regarding.name, 'x')
    const core = await request(server.url, `${CORE_EVENTS}/x.pulled`)
    assert.equal(core.body.apiVersion, 'v1')
    assert.deepEqual([core.body.involvedObject.name, core.body.message, core.body.reportingComponent], ['x', 'Successfully pulled image "nginx"', 'kubelet'])
    assert.match(await kubectl.ok(['describe', 'pod', 'x']), /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n.*\n\s+Normal\s+Pulled\s+\S+\s+kubelet\s+Successfully pulled image "nginx"/)
  })

  test('a core event reads through events.k8s.io/v1, in lists, tables and watches', async () => {
    const watch = await openChunkedWatch(server.url, `${EVENTS_V1}?watch=1&resourceVersion=${server.currentRevision()}`)
    try {
      const core = { metadata: { name: 'x.scheduled' }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'x', uid: podUid }, reason: 'Scheduled', message: 'assigned', type: 'Normal', source: { component: 'default-scheduler' } }
      assert.equal((await request(server.url, CORE_EVENTS, { method: 'POST', body: core })).status, 201)
      await eventually(() => assert.ok(watch.events.some((e) => e.object.metadata.name === 'x.scheduled')))
      const seen = watch.events.find((e) => e.object.metadata.name === 'x.scheduled')!
      assert.deepEqual([seen.type, seen.object.apiVersion, seen.object.note, seen.object.regarding.name, seen.object.deprecatedSource.component], ['ADDED', 'events.k8s.io/v1', 'assigned', 'x', 'default-scheduler'])
    } finally {
      watch.close()
    }
    const listed = JSON.parse(await kubectl.ok(['get', 'events.v1.events.k8s.io', '-o', 'json']))
    assert.deepEqual(listed.items.map((e: { metadata: { name: string } }) => e.metadata.name).sort(), ['x.pulled', 'x.scheduled'])
    assert.ok(listed.items.every((e: { apiVersion?: string; note?: string }) => e.note !== undefined))
    assert.match(await kubectl.ok(['get', 'events.v1.events.k8s.io']), /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/)
  })

  test('events.k8s.io/v1 validates new events as that API does', async () => {
    const refused = await request(server.url, EVENTS_V1, { method: 'POST', body: { metadata: { name: 'bad' }, reason: 'R', type: 'Odd' } })
    assert.equal(refused.status, 422)
    assert.deepEqual(refused.body.details.causes.map((c: { field: string }) => c.field), ['eventTime', 'type'])
    assert.match(refused.body.message, /^Event\.events\.k8s\.io "bad" is invalid: \[eventTime: Required value, type: Invalid value: "": has invalid value: Odd\]$/)
  })
})
