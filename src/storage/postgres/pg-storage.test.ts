import { runStorageContract } from '../../../test/contract/storage-contract.js'
import { needsPostgres, sharedPostgres } from '../../../test/support/postgres.js'
import type { CommitPublisher } from '../../commits/commit.js'
import type { Storage } from '../storage.js'
import { PgReader } from './pg-reader.js'
import { PgStorage } from './pg-storage.js'

const urlOf = new WeakMap<Storage, string>()

// Two revisions per partition: compaction drops whole partitions, so the contract's small logs
// exercise partition creation, the rows compaction keeps, and the drops themselves.
async function open(publisher: CommitPublisher): Promise<Storage> {
  const url = await (await sharedPostgres()).createDatabase()
  const storage = await PgStorage.open({ url, publisher, partitionRevisions: 2, pollIntervalMs: 50 })
  urlOf.set(storage, url)
  return storage
}

runStorageContract('postgres', {
  open,
  openReader: (storage) => PgReader.open({ url: urlOf.get(storage)!, isListening: false }),
  testOptions: needsPostgres,
})
