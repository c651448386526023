import { openChunkedWatch, type ChunkedWatch } from '../watch/chunked-watch.js'
import type { LogRow } from './log-replay.js'

/** What a watch of this scope must see of one log row. */
const describe = (e: { revision: number; type: string; namespace: string; name: string }) => `${e.revision} ${e.type} ${e.namespace}/${e.name}`

/**
 * A chunked watch that lives across server deaths, as an informer's does: it remembers the last
 * resourceVersion it received, and after each restart resumes from it. Everything it received,
 * over every connection, must be the log's rows of its scope after where it began: once each.
 */
export class ResumedWatcher {
  readonly received: string[] = []
  lastRevision: number
  errors: string[] = []
  #watch: ChunkedWatch | undefined

  constructor(readonly resource: string, readonly listPath: string, readonly namespace: string | undefined, readonly fromRevision: number) {
    this.lastRevision = fromRevision
  }

  /** (Re)opens the watch on the server at `url`, from the last revision received. */
  async open(url: string): Promise<void> {
    this.#watch = await openChunkedWatch(url, `${this.listPath}?watch=1&resourceVersion=${this.lastRevision}`, {
      onEvent: (event) => {
        if (event.type === 'ERROR' || event.type === 'BOOKMARK') return void (event.type === 'ERROR' && this.errors.push(JSON.stringify(event.object)))
        const metadata = event.object.metadata
        this.lastRevision = Number(metadata.resourceVersion)
        this.received.push(describe({ revision: this.lastRevision, type: event.type, namespace: metadata.namespace ?? '', name: metadata.name }))
      },
    })
    if (this.#watch.status !== 200) throw new Error(`watch ${this.listPath}: ${this.#watch.status} ${this.#watch.text()}`)
  }

  /** The log rows this watch must have seen, in order. */
  expected(log: LogRow[]): string[] {
    return log
      .filter((row) => row.revision > this.fromRevision && row.resource === this.resource && (this.namespace === undefined || row.namespace === this.namespace))
      .map(describe)
  }

  close(): void {
    this.#watch?.close()
  }
}
