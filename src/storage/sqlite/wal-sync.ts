import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync, statSync } from 'node:fs'

/**
 * Makes committed WAL frames durable from libuv's threadpool, so the event loop runs on while the
 * disk writes them. The write connection runs at synchronous=NORMAL: COMMIT write()s its frames
 * (they survive kill -9 from then on) and this fdatasync()s them, which is the one step FULL adds
 * at every commit (ADR 0018).
 */
export class WalSync {
  readonly #walPath: string
  #fd: number | undefined
  #inode = 0

  /** `onSynced` hears how long each sync took, from the call to the disk's answer */
  constructor(
    databasePath: string,
    private readonly onSynced: (seconds: number) => void = () => {},
  ) {
    // SQLite's unix VFS names the WAL after the database file.
    this.#walPath = `${databasePath}-wal`
  }

  /** syncs the WAL; `done` runs on the event loop once the frames written so far are on disk */
  sync(done: (error: Error | null) => void): void {
    let fd: number
    try {
      fd = this.#current()
    } catch (error) {
      // Always called back later, never from inside the call: the caller is between COMMIT and publish.
      process.nextTick(done, error as Error)
      return
    }
    const startedMs = performance.now()
    fdatasync(fd, (error) => {
      this.onSynced((performance.now() - startedMs) / 1000)
      done(error)
    })
  }

  /** the same, blocking: for the last batches at close */
  syncNow(): void {
    fdatasyncSync(this.#current())
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
  }

  /**
   * The open WAL. SQLite keeps one WAL file while a connection is open (checkpoints rewind or
   * truncate it in place), but a sync of a replaced file's old inode would sync nothing: a stat per
   * batch, ~2 µs, costs less than trusting that.
   */
  #current(): number {
    const inode = statSync(this.#walPath).ino
    if (this.#fd !== undefined && inode === this.#inode) return this.#fd
    this.close()
    this.#fd = openSync(this.#walPath, 'r')
    this.#inode = fstatSync(this.#fd).ino
    return this.#fd
  }
}
