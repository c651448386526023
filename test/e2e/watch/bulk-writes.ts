import assert from 'node:assert/strict'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { tlsOptionsFor } from '../../support/server-credentials.js'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'

const WRITERS = 64
/** ~4 KB per object: 20k such frames are ~90 MB, far past any bound a working watch queue keeps */
const DEFAULT_PAYLOAD_BYTES = 4000

/** POST over a keep-alive agent: several times cheaper per request than fetch, so 20k writes take seconds */
function post(agent: HttpsAgent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.once('error', reject)
    req.end(body)
  })
}

/** `count` configmaps named `${prefix}-i`, `WRITERS` requests in flight at a time */
export async function createConfigMaps(server: RunningWatchplane, namespace: string, batch: { prefix: string; count: number; payloadBytes?: number }): Promise<void> {
  const { prefix, count } = batch
  const payload = 'x'.repeat(batch.payloadBytes ?? DEFAULT_PAYLOAD_BYTES)
  const url = new URL(`/api/v1/namespaces/${namespace}/configmaps`, server.url)
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: WRITERS, ...tlsOptionsFor(url) })
  let next = 0
  const writer = async () => {
    while (next < count) {
      const body = JSON.stringify({ metadata: { name: `${prefix}-${next++}` }, data: { payload } })
      const created = await post(agent, url, body)
      assert.equal(created.status, 201, created.text)
    }
  }
  try {
    await Promise.all(Array.from({ length: WRITERS }, writer))
  } finally {
    agent.destroy()
  }
}

