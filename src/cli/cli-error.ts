/** A failure the user can fix (a missing data dir, an unknown resource, a bad bundle): its message is the whole report, no stack. */
export class CliError extends Error {
  override readonly name = 'CliError'
}
