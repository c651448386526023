import { request } from '../../support/start-server.js'
import type { Prng } from '../fuzz/prng.js'
import { STEP, type CrashKind } from './crash-kinds.js'

export type WriteOp = 'create' | 'update' | 'patch' | 'delete'

/** What a writer knows one of its objects to be: as its last acknowledged write left it. */
interface Known {
  /** the object as the server last answered it; undefined once deleted */
  object: any
  /** its resourceVersion then, as a number */
  revision: number | undefined
  /** a write sent but never answered (the server died): it may or may not have happened */
  unknown?: { op: WriteOp; step: string }
}

/** Counts of one writer's round. */
export interface RoundTally {
  acked: number
  unknown: number
  /** 5xx, 4xx, or a connection error before the kill: each one a failure */
  failures: string[]
  /** acknowledged revisions, in order, with the key they wrote */
  ackedRevisions: Array<{ revision: number; name: string; op: WriteOp }>
}

export interface RoundControl {
  url: string
  /** when the kill was sent (performance.now()), once it was */
  killedAtMs(): number | undefined
}

/** One of the 64 writers: its own objects of one kind in one namespace, written one request at a time. */
export class CrashWriter {
  readonly objects = new Map<string, Known>()
  /** writes acknowledged, and failed, in the round under way */
  ackedThisRound = 0
  failedThisRound = 0
  #created = 0
  #steps = 0

  constructor(readonly id: number, readonly kind: CrashKind, readonly namespace: string, private readonly rng: Prng) {}

  /** Writes until the server is killed under it; every answer is counted. */
  async runRound(control: RoundControl): Promise<RoundTally> {
    const tally: RoundTally = { acked: 0, unknown: 0, failures: [], ackedRevisions: [] }
    this.ackedThisRound = 0
    this.failedThisRound = 0
    while (control.killedAtMs() === undefined) {
      const { op, name } = this.#chooseOp()
      const step = `${this.id}-${++this.#steps}`
      const startedMs = performance.now()
      try {
        const answer = await this.#send(control.url, op, name, step)
        if (answer.status >= 300) {
          this.#fail(tally, `writer ${this.id} ${op} ${name}: ${answer.status} ${answer.text.slice(0, 200)}`)
          continue
        }
        this.#acknowledge(op, name, answer.body)
        tally.acked++
        this.ackedThisRound++
        if (op !== 'delete') tally.ackedRevisions.push({ revision: Number(answer.body.metadata.resourceVersion), name, op })
      } catch (error) {
        const killedAtMs = control.killedAtMs()
        if (killedAtMs === undefined) {
          this.#fail(tally, `writer ${this.id} ${op} ${name}: ${(error as Error).message} before the kill`)
          continue
        }
        // Sent before the kill and never answered: it may have committed or not. After it: never sent.
        if (startedMs < killedAtMs) {
          this.#remember(name).unknown = { op, step }
          tally.unknown++
        }
        return tally
      }
    }
    return tally
  }

  #fail(tally: RoundTally, failure: string): void {
    tally.failures.push(failure)
    this.failedThisRound++
  }

  #remember(name: string): Known {
    let known = this.objects.get(name)
    if (!known) this.objects.set(name, (known = { object: undefined, revision: undefined }))
    return known
  }

  #chooseOp(): { op: WriteOp; name: string } {
    const live = [...this.objects].filter(([, k]) => k.object !== undefined).map(([name]) => name)
    const roll = this.rng.int(100)
    if (live.length < 2 || roll < 15) return { op: 'create', name: `w${this.id}-${++this.#created}` }
    const name = this.rng.pick(live)
    return { op: roll < 50 ? 'update' : roll < 85 ? 'patch' : 'delete', name }
  }

  #send(url: string, op: WriteOp, name: string, step: string) {
    const collection = this.kind.collection(this.namespace)
    const known = this.objects.get(name)
    switch (op) {
      case 'create':
        return request(url, collection, { method: 'POST', body: this.kind.body(name, step), timeoutMs: 20_000 })
      case 'update': {
        const object = structuredClone(known!.object)
        object.metadata.annotations = { ...object.metadata.annotations, [STEP]: step }
        return request(url, `${collection}/${name}`, { method: 'PUT', body: object, timeoutMs: 20_000 })
      }
      case 'patch':
        return request(url, `${collection}/${name}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { annotations: { [STEP]: step } } }, timeoutMs: 20_000 })
      case 'delete':
        return request(url, `${collection}/${name}`, { method: 'DELETE', timeoutMs: 20_000 })
    }
  }

  #acknowledge(op: WriteOp, name: string, body: any): void {
    const known = this.#remember(name)
    known.object = op === 'delete' ? undefined : body
    known.revision = op === 'delete' ? undefined : Number(body.metadata.resourceVersion)
  }

  /** After a restart: what the server holds for each object becomes what the writer knows, its unknown write settled. */
  adopt(name: string, actual: any | undefined): void {
    const known = this.#remember(name)
    known.object = actual
    known.revision = actual === undefined ? undefined : Number(actual.metadata.resourceVersion)
    delete known.unknown
  }
}
