import { Agent, request } from 'node:http'

export interface TimedBody {
  ms: number
  bytes: number
}

/** GETs `url` and reads the whole body, discarding it; the time runs from sending to the last byte. */
export function timedGet(url: string, agent: Agent, headers: Record<string, string> = {}): Promise<TimedBody> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now()
    const outgoing = request(url, { agent, headers }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: HTTP ${res.statusCode}`))
        else resolve({ ms: performance.now() - startedMs, bytes })
      })
      res.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}
