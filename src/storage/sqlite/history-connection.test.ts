import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { asRevision } from '../../api/resource-version.js'
import { HistoryReader } from './history-connection.js'
import { openDatabase } from './open-database.js'

test('the mapped history connection closes once idle, and the next read at a past revision opens it again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-connection-'))
  const db = openDatabase({ path: join(dir, 'watchplane.db'), durability: 'full' })
  try {
    const reader = new HistoryReader(db, 20)
    const first = reader.history()
    const key = { resource: 'configmaps', namespace: 'default', name: 'absent' }
    assert.equal(first.get(key, asRevision(1)), undefined)
    assert.equal(reader.history(), first, 'read again while open: the same connection')
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.throws(() => first.get(key, asRevision(1)), /not open/)
    const second = reader.history()
    assert.notEqual(second, first)
    assert.equal(second.get(key, asRevision(1)), undefined)
    reader.close()
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
