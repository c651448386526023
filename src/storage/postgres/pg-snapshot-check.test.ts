import assert from 'node:assert/strict'
import { test } from 'node:test'
import pg from 'pg'
import { create, put, remove } from '../../../test/contract/contract-support.js'
import { needsPostgres, sharedPostgres } from '../../../test/support/postgres.js'
import { PgStorage } from './pg-storage.js'

const open = (url: string) => PgStorage.open({ url, publisher: { publish: () => {} }, pollIntervalMs: 50 })

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

const snapshotRows = (url: string) => sql(url, 'SELECT resource, namespace, name, revision, object FROM objects ORDER BY name')

const cases = [
  { name: 'an object whose snapshot row differs from its newest log row', sql: `UPDATE objects SET object = '{"tampered":true}' WHERE name = 'a'` },
  { name: 'an object missing from the snapshot', sql: `DELETE FROM objects WHERE name = 'd'` },
  { name: 'a deleted object still in the snapshot', sql: `INSERT INTO objects SELECT resource, namespace, 'b', 2, object FROM objects WHERE name = 'c'` },
]

for (const c of cases) {
  test(`postgres: the startup self-check finds ${c.name}, and rebuilds the snapshot from the log`, needsPostgres, async () => {
    const url = await (await sharedPostgres()).createDatabase()
    const storage = await open(url)
    for (const write of [create('a', { v: '1' }), create('b'), create('c'), put('a', { v: '2' }), remove('b'), put('a', { v: '3' }), create('d')]) await storage.write(write)
    assert.deepEqual((await storage.checkSnapshot()).mismatches, [])
    const intact = await snapshotRows(url)
    await sql(url, c.sql)
    const check = await storage.checkSnapshot({ tailRows: 100 })
    assert.equal(check.isRebuilt, true)
    assert.ok(check.mismatches.length > 0)
    assert.deepEqual(await snapshotRows(url), intact, 'the snapshot is what the log says')
    assert.deepEqual((await storage.checkSnapshot()).mismatches, [], 'and agrees with it from then on')
    await storage.close()
  })
}
