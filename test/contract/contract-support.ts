import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../src/api/types.js'
import type { Commit, CommitPublisher } from '../../src/commits/commit.js'
import { RevisionError } from '../../src/storage/errors.js'
import type { ObjectKey, Storage, StorageReader, StoredObject, Write } from '../../src/storage/storage.js'

/** How the suite gets a fresh, empty storage of one implementation (and, optionally, a reader beside it). */
export interface StorageFactory {
  open(publisher: CommitPublisher): Storage | Promise<Storage>
  /**
   * A read-only reader over the same data, as the command-line tools open one beside a running
   * server; omitted where there is none (an in-memory database).
   */
  openReader?(storage: Storage): (StorageReader & { close(): Promise<void> }) | Promise<StorageReader & { close(): Promise<void> }>
  /** node:test options for every case: a storage on a database server is skipped where there is none (outside CI) */
  testOptions?: { skip?: string | boolean }
}

export const key = (name: string, namespace = 'default'): ObjectKey => ({ resource: 'configmaps', namespace, name })
const object = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels }, data })
const audit = { verb: 'test' }
export const create = (name: string, data?: Record<string, string>): Write =>
  ({ key: key(name), precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: object(name, data) }), audit })
export const put = (name: string, data: Record<string, string>, labels?: Record<string, string>): Write =>
  ({ key: key(name), precondition: { type: 'present' }, apply: () => ({ type: 'put', object: object(name, data, labels) }), audit })
export const remove = (name: string): Write =>
  ({ key: key(name), precondition: { type: 'present' }, apply: (current) => ({ type: 'delete', object: JSON.parse(current!.json) }), audit })

/** `name=v` per object, in list order: the state in one line. */
export const namesAndValues = (objects: StoredObject[]) => objects.map((o) => `${o.key.name}=${JSON.parse(o.json).data.v ?? ''}`)

/** Records every published commit, and when it was published (performance.now()). */
function recorder(): CommitPublisher & { commits: Commit[]; publishedAtMs: Map<number, number> } {
  const commits: Commit[] = []
  const publishedAtMs = new Map<number, number>()
  return {
    commits,
    publishedAtMs,
    publish: (batch) => {
      for (const commit of batch) publishedAtMs.set(commit.revision, performance.now())
      commits.push(...batch)
    },
  }
}

export interface ContractContext {
  storage: Storage
  published: Commit[]
  /** revision → when it was published (performance.now()) */
  publishedAtMs: Map<number, number>
}

/** Registers one case of the suite: a fresh storage of the implementation under test, closed after. */
export function contractCase(name: string, factory: StorageFactory) {
  return (title: string, body: (context: ContractContext) => Promise<void>) =>
    test(`${name}: ${title}`, factory.testOptions ?? {}, async () => {
      const publisher = recorder()
      const storage = await factory.open(publisher)
      try {
        await body({ storage, published: publisher.commits, publishedAtMs: publisher.publishedAtMs })
      } finally {
        await storage.close()
      }
    })
}

/** A RevisionError of this kind, about this requested revision. */
export const refused = (kind: RevisionError['kind'], requested: number) => (error: unknown) => {
  assert.ok(error instanceof RevisionError, `expected a RevisionError, got ${String(error)}`)
  assert.equal(error.kind, kind)
  assert.equal(error.revisions.requested, requested)
  return true
}
