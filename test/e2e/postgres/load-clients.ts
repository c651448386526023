import { setTimeout as sleep } from 'node:timers/promises'
import { openChunkedWatch, type WatchEvent } from '../watch/chunked-watch.js'
import { aliveFrom, type Replica } from './replica-fleet.js'

const RETRY_DELAY_MS = 100

/** Answers no replica may give: anything but success, a Status for a retried write, or a 5xx Status. */
export const wrongAnswers: string[] = []

/** One HTTP request; resolves undefined when the connection failed (the replica died). */
async function send(base: string, path: string, init: { method: string; body?: unknown; contentType?: string }) {
  try {
    const response = await fetch(base + path, {
      method: init.method,
      headers: init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  } catch {
    return undefined
  }
}

export interface Acknowledged {
  name: string
  revision: number
}

/**
 * A writer homed on one replica: each operation goes there, or to the next live replica when it
 * died, and is retried after a 5xx (the database is restarting). A retried create or delete may
 * find its first attempt done (409, 404): that is an honest answer, not a wrong one.
 */
export async function runWriter(replicas: readonly Replica[], home: number, ops: Array<{ method: string; path: string; body?: unknown; contentType?: string }>, acknowledged: Acknowledged[]): Promise<void> {
  for (const op of ops) {
    for (let attempt = 0; ; attempt++) {
      const answer = await send(aliveFrom(replicas, home).url, op.path, op)
      if (answer === undefined || answer.status >= 500) {
        if (answer && answer.body?.kind !== 'Status') wrongAnswers.push(`${op.method} ${op.path}: ${answer.status} without a Status`)
        await sleep(RETRY_DELAY_MS)
        continue
      }
      if (answer.status < 300) {
        // A deletion answers with a Status (kube does so for most kinds): nothing to look up in the log.
        if (answer.body.kind !== 'Status') acknowledged.push({ name: answer.body.metadata.name, revision: Number(answer.body.metadata.resourceVersion) })
      } else if (!(attempt > 0 && [404, 409].includes(answer.status))) {
        wrongAnswers.push(`${op.method} ${op.path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`)
      }
      break
    }
  }
}

/**
 * A watcher that fails over: it watches from its last resourceVersion on its home replica and,
 * when the stream ends (the replica died, or a read failed), watches again from there on the next
 * live one. It records the revision of every event it gets.
 */
export class Follower {
  readonly revisions: number[] = []
  readonly errors: string[] = []
  reconnects = 0
  #resourceVersion: string
  #isStopped = false
  #close: (() => void) | undefined
  readonly done: Promise<void>

  constructor(private readonly replicas: readonly Replica[], private home: number, private readonly path: string, fromResourceVersion: string) {
    this.#resourceVersion = fromResourceVersion
    this.done = this.#run()
  }

  get last(): number {
    return this.revisions.at(-1) ?? Number(this.#resourceVersion)
  }

  stop(): void {
    this.#isStopped = true
    this.#close?.()
  }

  async #run(): Promise<void> {
    while (!this.#isStopped) {
      const replica = aliveFrom(this.replicas, this.home)
      try {
        const watch = await openChunkedWatch(replica.url, `${this.path}?watch=1&allowWatchBookmarks=true&resourceVersion=${this.#resourceVersion}`, { onEvent: (e) => this.#onEvent(e) })
        this.#close = () => watch.close()
        if (watch.status !== 200) this.errors.push(`watch answered ${watch.status}: ${watch.text()}`)
        await watch.ended
      } catch {
        // refused: the replica is gone; the next one is tried below
      }
      if (this.#isStopped) return
      this.reconnects += 1
      this.home += 1
      await sleep(RETRY_DELAY_MS)
    }
  }

  #onEvent(event: WatchEvent): void {
    const resourceVersion = event.object?.metadata?.resourceVersion as string | undefined
    if (event.type === 'ERROR') return void this.errors.push(JSON.stringify(event.object))
    if (event.type !== 'BOOKMARK') this.revisions.push(Number(resourceVersion))
    if (resourceVersion) this.#resourceVersion = resourceVersion
  }
}
