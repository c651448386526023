import type { Status } from '../api/types.js'

/** A Status the server sent as an ERROR message, as something a caller can throw or log. */
export class StatusError extends Error {
  readonly code: number

  constructor(readonly status: Status) {
    super(status.message ?? `${status.code} ${status.reason ?? 'error'}`)
    this.name = 'StatusError'
    this.code = status.code
  }
}
