import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type pg from 'pg'
import { COMMITS_CHANNEL } from './commit-batch.js'
import { openClient, type Pool } from './pg-pool.js'

const PROBE_WAIT_MS = 1000
const RECONNECT_DELAY_MS = 1000

/**
 * LISTEN on the commits channel: a hint that wakes the tailer as soon as any replica commits.
 * Never needed for correctness: the tailer polls anyway. At start it proves the hint arrives (a
 * NOTIFY of its own, sent through the pool); through PgBouncer in transaction mode it does not,
 * and the replica goes on with the poll alone.
 */
export class CommitListener {
  #client: pg.Client | undefined
  #isStopped = false
  #reconnect: NodeJS.Timeout | undefined
  #probe: { payload: string; arrived(): void } | undefined

  constructor(private readonly options: { url: string; pool: Pool; onCommit(): void; log?: Logger }) {}

  /** true when notifications arrive; false (and nothing left open) when they do not */
  async start(): Promise<boolean> {
    try {
      await this.#connect()
      if (await this.#notificationsArrive()) return true
      this.options.log?.warn('postgres notifications do not arrive (PgBouncer in transaction mode?): polling only')
    } catch (error) {
      this.options.log?.warn({ err: error }, 'postgres listen failed: polling only')
    }
    await this.stop()
    return false
  }

  async stop(): Promise<void> {
    this.#isStopped = true
    clearTimeout(this.#reconnect)
    const client = this.#client
    this.#client = undefined
    await client?.end().catch(() => {})
  }

  async #connect(): Promise<void> {
    const client = openClient(this.options.url, () => this.#scheduleReconnect(client))
    client.on('end', () => this.#scheduleReconnect(client))
    client.on('notification', (message) => {
      if (this.#probe && message.payload === this.#probe.payload) this.#probe.arrived()
      this.options.onCommit()
    })
    this.#client = client
    await client.connect()
    await client.query(`LISTEN ${COMMITS_CHANNEL}`)
  }

  async #notificationsArrive(): Promise<boolean> {
    const payload = `probe-${randomUUID()}`
    const arrived = new Promise<boolean>((resolve) => {
      this.#probe = { payload, arrived: () => resolve(true) }
      setTimeout(() => resolve(false), PROBE_WAIT_MS).unref()
    })
    await this.options.pool.query('SELECT pg_notify($1, $2)', [COMMITS_CHANNEL, payload])
    const hasArrived = await arrived
    this.#probe = undefined
    return hasArrived
  }

  // The connection dropped (a database restart): listen again after a while; the tailer polls meanwhile.
  #scheduleReconnect(client: pg.Client): void {
    if (this.#isStopped || client !== this.#client || this.#reconnect) return
    this.#client = undefined
    client.end().catch(() => {})
    this.#reconnect = setTimeout(() => {
      this.#reconnect = undefined
      if (this.#isStopped) return
      this.#connect().then(() => this.options.onCommit(), (error: unknown) => {
        this.options.log?.debug({ err: error }, 'postgres listen reconnect failed')
        this.#scheduleReconnect(this.#client ?? client)
      })
    }, RECONNECT_DELAY_MS).unref()
  }
}
