import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { eventually } from '../../support/eventually.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

const BIN = fileURLToPath(new URL('../../../bin/watchplane.js', import.meta.url))

/** Starts the real command in its own process and resolves with its URL once it prints it. */
function spawnServer(dataDir: string) {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, '--log-level', 'silent'])
  const url = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const match = /serving (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  return { child, url }
}

test('an acknowledged write survives kill -9', async () => {
  const dataDir = tempDataDir()
  try {
    const { child, url } = spawnServer(dataDir)
    const base = await url
    const acknowledged: string[] = []
    let isKilled = false
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !isKilled; i++) {
        const name = `cm-${w}-${i}`
        try {
          const r = await request(base, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name } } })
          if (r.status === 201) acknowledged.push(name)
        } catch {
          return // the connection died with the server
        }
      }
    })
    // Kill it mid-stream once enough writes were acknowledged: a fixed delay saw only 13 on a loaded machine.
    await eventually(() => assert.ok(acknowledged.length > 20, `${acknowledged.length} writes acknowledged so far`), { timeoutMs: 30_000 })
    child.kill('SIGKILL')
    isKilled = true
    await Promise.all(writers)
    assert.ok(acknowledged.length > 20, `only ${acknowledged.length} writes were acknowledged`)

    const server = await startServer({ dataDir })
    const list = await request(server.url, '/api/v1/namespaces/default/configmaps')
    const stored = new Set(list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name))
    const lost = acknowledged.filter((name) => !stored.has(name))
    assert.deepEqual(lost, [], 'no acknowledged write is lost')
    await server.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
