import { join } from 'node:path'
import type { KubeObject } from '../../src/api/types.js'
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import { podName, storedPod } from './pods.js'

// Child process: writes <count> Pods into <dataDir>/watchplane.db through the storage layer (the
// server's own write path minus HTTP), in its own short-lived process so the server started on that
// directory afterwards begins with a cold heap. Durability off: seeding is set-up, not measured.
const [dataDir, countText] = process.argv.slice(2)
if (!dataDir || !countText) throw new Error('usage: seed-pods.ts <dataDir> <count>')
const count = Number(countText)
const storage = new SqliteStorage({ path: join(dataDir, 'watchplane.db'), durability: 'off', publisher: { publish: () => {} } })
const CHUNK = 5000
for (let from = 0; from < count; from += CHUNK) {
  const writes = []
  for (let i = from; i < Math.min(count, from + CHUNK); i++) {
    const name = podName('seed', i)
    const object = storedPod('default', name) as unknown as KubeObject
    writes.push(storage.write({
      key: { resource: 'pods', namespace: 'default', name },
      precondition: { type: 'absent' },
      apply: () => ({ type: 'put', object }),
      audit: { verb: 'create', fieldManager: 'node' },
    }))
  }
  await Promise.all(writes)
}
await storage.close()
process.stdout.write(`SEEDED ${count}\n`)
