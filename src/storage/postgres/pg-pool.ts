import pg from 'pg'

export type Pool = pg.Pool
export type PoolClient = pg.PoolClient

export interface PoolOptions {
  /** postgres://user:password@host:port/database */
  url: string
  /** connections this replica opens at most */
  maxConnections: number
  /** a connection that cannot be had in this time fails the request (the database is down) */
  connectTimeoutMs?: number
  onError(error: Error): void
}

const INT8_OID = 20

// Revisions are bigint columns; pg hands int8 over as a string. They stay far below 2^53, so a
// number is exact (the wire's resourceVersion is a 15-digit decimal at most anyway).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

/**
 * A pool of connections to the shared database. Statements are unnamed (no server-side prepared
 * statements) and no session state is set, so it works through PgBouncer in transaction mode.
 * Idle connections the server drops (a restart) report to `onError` instead of crashing.
 */
export function openPool(options: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    types,
  })
  pool.on('error', options.onError)
  return pool
}

/** A client of its own, outside the pool: the LISTEN connection and tools that hold one session. */
export function openClient(url: string, onError: (error: Error) => void): pg.Client {
  const client = new pg.Client({ connectionString: url, keepAlive: true, types })
  client.on('error', onError)
  return client
}

/** Runs `body` in one transaction on one connection; rolls back if it throws. */
export async function inTransaction<T>(pool: Pool, body: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect()
  let failure: unknown
  // pg-pool drops its error listener while a connection is checked out, so a server shutdown that
  // arrives between two statements would be an unhandled 'error' event and end the process. The
  // next statement fails with it anyway; here it only marks the connection as broken.
  const onConnectionError = (error: Error) => (failure ??= error)
  client.on('error', onConnectionError)
  try {
    await client.query(begin)
    const result = await body(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    failure = error
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    // A connection that failed mid-transaction may be broken: it is closed, not reused.
    client.removeListener('error', onConnectionError)
    client.release(failure instanceof Error && !isDatabaseError(failure) ? failure : undefined)
  }
}

/** An error the server reported about a statement (it has a SQLSTATE); the connection is still good. */
export function isDatabaseError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError && !/^(08|57|53|58)/.test(error.code ?? '')
}
