import assert from 'node:assert/strict'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request } from '../../support/start-server.js'

/** the `watchplane_watchers` gauge: watches joined to the hub, i.e. live (not catching up from the log) */
export async function liveWatchers(server: RunningWatchplane): Promise<number> {
  const metrics = await request(server.url, '/metrics')
  const match = /^watchplane_watchers (\d+)$/m.exec(metrics.text)
  assert.ok(match, 'the watchers gauge is exported')
  return Number(match[1])
}
