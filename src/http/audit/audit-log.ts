import { createWriteStream, type WriteStream } from 'node:fs'
import type { Logger } from 'pino'
import { auditEventOf, isAudited } from './audit-event.js'
import type { AuditRecord } from './audit-record.js'

/** Audit events, one JSON line each, appended to `--audit-log-path` ('-' for stdout), as kube's log backend writes them. */
export class AuditLog {
  readonly #out: WriteStream | NodeJS.WriteStream

  constructor(path: string, log: Logger) {
    this.#out = path === '-' ? process.stdout : createWriteStream(path, { flags: 'a', mode: 0o600 })
    this.#out.on('error', (error) => log.error({ err: error, path }, 'audit log write failed'))
  }

  /** writes the request's event when it is one to audit */
  onResponse(record: AuditRecord, code: number): void {
    if (isAudited(record, code)) this.#out.write(JSON.stringify(auditEventOf(record, code)) + '\n')
  }

  close(): Promise<void> {
    if (this.#out === process.stdout) return Promise.resolve()
    return new Promise((resolve) => (this.#out as WriteStream).end(resolve))
  }
}
