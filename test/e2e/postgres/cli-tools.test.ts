import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { needsPostgres, sharedPostgres } from '../../support/postgres.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

const BIN = fileURLToPath(new URL('../../../bin/watchplane.js', import.meta.url))
const watchplane = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })

test('the tools take --storage: export from PostgreSQL, import into a data dir and back into another database, history from either', needsPostgres, async () => {
  const cluster = await sharedPostgres()
  const [source, target] = [await cluster.createDatabase(), await cluster.createDatabase()]
  const dir = tempDataDir()
  try {
    const server = await startServer({ storage: source })
    for (const v of ['1', '2', '3']) {
      const method = v === '1' ? 'POST' : 'PUT'
      const path = `/api/v1/namespaces/default/configmaps${v === '1' ? '' : '/settings'}`
      assert.ok((await request(server.url, path, { method, body: { metadata: { name: 'settings' }, data: { v } } })).status < 300)
    }
    const served = await request(server.url, '/api/v1/namespaces/default/configmaps/settings')
    await server.close()

    const bundle = join(dir, 'bundle.ndjson.gz')
    const exported = watchplane('export', '--storage', source, '--out', bundle)
    assert.equal(exported.status, 0, exported.stderr)
    const intoDir = watchplane('import', '--data-dir', join(dir, 'copy'), '--in', bundle)
    assert.equal(intoDir.status, 0, intoDir.stderr)
    const intoPostgres = watchplane('import', '--storage', target, '--in', bundle)
    assert.equal(intoPostgres.status, 0, intoPostgres.stderr)
    assert.match(intoPostgres.stderr, /current revision #\d+/)

    const fromDir = watchplane('history', 'configmaps/settings', '--data-dir', join(dir, 'copy'), '-o', 'json')
    const fromPostgres = watchplane('history', 'configmaps/settings', '--storage', target, '-o', 'json')
    assert.equal(fromPostgres.status, 0, fromPostgres.stderr)
    assert.deepEqual(JSON.parse(fromPostgres.stdout), JSON.parse(fromDir.stdout))
    assert.deepEqual(JSON.parse(fromPostgres.stdout).revisions.map((r: { type: string }) => r.type), ['ADDED', 'MODIFIED', 'MODIFIED'])

    const copy = await startServer({ storage: target })
    const again = await request(copy.url, '/api/v1/namespaces/default/configmaps/settings')
    assert.equal(again.text, served.text, 'the imported database serves the same object, resourceVersion and all')
    await copy.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
