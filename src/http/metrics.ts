import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { WatchHub } from '../watch/watch-hub.js'

/** etcd's buckets for its disk histograms: 1 ms doubling to 8.192 s */
const DISK_SECONDS_BUCKETS = Array.from({ length: 14 }, (_, i) => 0.001 * 2 ** i)

/** The server's Prometheus metrics, one registry per server instance (tests start many). */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly requests: Counter<'verb' | 'resource' | 'code'>
  readonly requestSeconds: Histogram<'verb' | 'resource'>
  readonly commitBatchWrites: Histogram
  readonly walFsyncSeconds: Histogram
  readonly walRewindHoldSeconds: Histogram

  constructor(hub: WatchHub) {
    const registers = [this.registry]
    this.requests = new Counter({ name: 'watchplane_requests_total', help: 'API requests by verb, resource and HTTP code', labelNames: ['verb', 'resource', 'code'], registers })
    this.requestSeconds = new Histogram({
      name: 'watchplane_request_duration_seconds', help: 'API request latency (watches: until the stream starts)',
      labelNames: ['verb', 'resource'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers,
    })
    this.commitBatchWrites = new Histogram({ name: 'watchplane_commit_batch_writes', help: 'writes per committed transaction (group commit)', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000], registers })
    // etcd's etcd_disk_wal_fsync_duration_seconds, same buckets (1 ms doubling to 8 s): a write's
    // latency floor is the disk's, and this tells a slow disk from a slow server.
    this.walFsyncSeconds = new Histogram({
      name: 'watchplane_wal_fsync_duration_seconds', help: 'WAL fdatasync latency per committed batch (SQLite, durability full)',
      buckets: DISK_SECONDS_BUCKETS, registers,
    })
    this.walRewindHoldSeconds = new Histogram({
      name: 'watchplane_wal_rewind_hold_seconds', help: 'how long writes were held while a checkpoint finished so the WAL could start over (SQLite)',
      buckets: DISK_SECONDS_BUCKETS, registers,
    })
    new Gauge({ name: 'watchplane_watchers', help: 'watches open and live', registers, collect() { this.set(hub.watcherCount) } })
    new Gauge({ name: 'watchplane_watch_deliveries', help: 'changes handed to watchers since start (fan-out)', registers, collect() { this.set(hub.deliveries) } })
    collectDefaultMetrics({ register: this.registry })
  }
}
