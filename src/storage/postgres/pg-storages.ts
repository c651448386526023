// Both PostgreSQL storages behind one module, so that app.ts imports them with one import(): each
// dynamic import is a chunk boundary, and every chunk a start loads costs node's ESM loader (issue #11).
export { PgReader } from './pg-reader.js'
export { PgStorage } from './pg-storage.js'
