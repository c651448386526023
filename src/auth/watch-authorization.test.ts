import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, test } from 'node:test'
import pino from 'pino'
import type { KubeObject } from '../api/types.js'
import { CommitStream } from '../commits/commit-stream.js'
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.js'
import { WatchHub } from '../watch/watch-hub.js'
import { JSON_FORMAT } from '../watch/watch-format.js'
import { Watcher } from '../watch/watcher.js'
import type { WatchSink } from '../wire/watch-sink.js'
import type { AuthorizationAttributes } from './authorization-attributes.js'
import { rule } from './rbac/policy-rule.js'
import { RbacAuthorizer } from './rbac/rbac-authorizer.js'
import { RbacIndex, RBAC_RESOURCES } from './rbac/rbac-index.js'
import { clusterRole, roleBinding } from './rbac/rbac-objects.fixture.js'
import { WatchAuthorization } from './watch-authorization.js'
import { eventually } from '../../test/support/eventually.js'

// Real storage, commit stream, hub and watchers; RBAC objects written through storage reach the
// index through the commit stream, as in the server. Only the transport is a list of frames.

class FrameSink implements WatchSink {
  readonly frames: { type: string; object: any }[] = []
  isEnded = false
  write(frame: Buffer): boolean {
    this.frames.push(JSON.parse(frame.toString()))
    return true
  }
  onDrain(): void {}
  onClose(): void {}
  end(): void {
    this.isEnded = true
  }
}

describe('WatchAuthorization: a watch whose permission is revoked is ended', () => {
  let storage: SqliteStorage
  let commits: CommitStream
  let hub: WatchHub
  let authorizer: RbacAuthorizer
  let authorizeCalls: number
  let watches: WatchAuthorization

  const write = (resource: string, object: KubeObject) => storage.write({
    key: { resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name! },
    precondition: { type: 'none' },
    apply: () => ({ type: 'put', object }),
    audit: { verb: 'update' },
  })
  const remove = (resource: string, namespace: string, name: string) => storage.write({
    key: { resource, namespace, name },
    precondition: { type: 'present' },
    apply: (current) => ({ type: 'delete', object: JSON.parse(current!.json) }),
    audit: { verb: 'delete' },
  })
  const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team' } })

  function startWatch(user: string): { sink: FrameSink; watcher: Watcher; attributes: AuthorizationAttributes } {
    const attributes: AuthorizationAttributes = { user: { name: user, groups: ['system:authenticated'] }, verb: 'watch', isResourceRequest: true, apiGroup: '', resource: 'configmaps', namespace: 'team' }
    assert.equal(authorizer.authorize(attributes).allowed, true)
    const sink = new FrameSink()
    const watcher = new Watcher(
      { resource: 'configmaps', namespace: 'team', kind: 'ConfigMap', apiVersion: 'v1', filter: { isEmpty: true, matches: () => true }, format: JSON_FORMAT, fromRevision: storage.currentRevision(), sendInitialEvents: false, allowBookmarks: false, timeoutMs: undefined },
      { maxQueuedFrames: 100, bookmarkIntervalMs: 60_000, catchUpPageRows: 100 },
      { storage, hub, sink, log: pino({ level: 'silent' }), statusOf: () => undefined },
    )
    // What the request pipeline does for every watch it starts.
    watcher.onEnd(watches.watch(attributes, (error) => watcher.endWithError(error.toStatus())))
    watcher.start()
    return { sink, watcher, attributes }
  }

  beforeEach(async () => {
    commits = new CommitStream()
    storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: commits })
    hub = new WatchHub(commits.commits$, storage)
    const index = new RbacIndex()
    commits.commits$.subscribe((commit) => index.onCommit(commit))
    await index.load(storage)
    authorizer = new RbacAuthorizer(index)
    authorizeCalls = 0
    const counting = { authorize: (a: AuthorizationAttributes) => (authorizeCalls++, authorizer.authorize(a)), onChange: (l: () => void) => authorizer.onChange(l) }
    watches = new WatchAuthorization(counting, (error) => assert.fail(String(error)))
    await write(RBAC_RESOURCES.clusterRoles, clusterRole('cm-reader', [rule(['get', 'list', 'watch'], { apiGroups: [''], resources: ['configmaps'] })]))
    await write(RBAC_RESOURCES.roleBindings, roleBinding('team', 'jane-reads', 'ClusterRole:cm-reader', ['User:jane']))
    await write(RBAC_RESOURCES.roleBindings, roleBinding('team', 'joe-reads', 'ClusterRole:cm-reader', ['User:joe']))
    // Let the re-check those changes queued run before any watch starts.
    await new Promise((resolve) => setImmediate(resolve))
  })

  afterEach(async () => {
    watches.close()
    hub.endAll()
    hub.close()
    await storage.close()
  })

  test('deleting the binding ends the watch with an ERROR carrying kube\'s 403; other watches go on', async () => {
    const jane = startWatch('jane')
    const joe = startWatch('joe')
    await write('configmaps', configMap('one'))
    await eventually(() => assert.equal(jane.sink.frames.length, 1))
    await remove(RBAC_RESOURCES.roleBindings, 'team', 'jane-reads')
    await eventually(() => assert.equal(jane.sink.isEnded, true))
    const last = jane.sink.frames.at(-1)!
    assert.equal(last.type, 'ERROR')
    assert.equal(last.object.code, 403)
    assert.equal(last.object.reason, 'Forbidden')
    assert.equal(last.object.message, 'configmaps is forbidden: User "jane" cannot watch resource "configmaps" in API group "" in the namespace "team"')
    await write('configmaps', configMap('two'))
    await eventually(() => assert.equal(joe.sink.frames.filter((f) => f.type === 'ADDED').length, 2))
    assert.equal(joe.sink.isEnded, false)
    assert.equal(watches.size, 1)
  })

  test('editing the role so that it no longer allows watch ends the watch too', async () => {
    const jane = startWatch('jane')
    await write(RBAC_RESOURCES.clusterRoles, clusterRole('cm-reader', [rule(['get', 'list'], { apiGroups: [''], resources: ['configmaps'] })]))
    await eventually(() => assert.equal(jane.sink.isEnded, true))
    assert.equal(jane.sink.frames.at(-1)!.type, 'ERROR')
  })

  test('events are never re-judged: only RBAC changes cause a check, one per open watch', async () => {
    startWatch('jane')
    startWatch('joe')
    const before = authorizeCalls
    for (let i = 0; i < 50; i++) await write('configmaps', configMap(`cm-${i}`))
    assert.equal(authorizeCalls, before)
    await write(RBAC_RESOURCES.roleBindings, roleBinding('team', 'unrelated', 'ClusterRole:cm-reader', ['User:someone']))
    await eventually(() => assert.equal(authorizeCalls, before + 2))
  })

  test('a watch that ends by itself is forgotten', async () => {
    const jane = startWatch('jane')
    assert.equal(watches.size, 1)
    jane.watcher.end()
    assert.equal(watches.size, 0)
  })
})
