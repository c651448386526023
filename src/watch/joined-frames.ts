import type { Revision } from '../api/resource-version.js'
import type { EncodedChange } from './encoded-change.js'
import type { WatchFormat } from './watch-format.js'

interface Joined {
  bytes: Buffer
  /** where each change's frame starts in `bytes`; one more entry for the end */
  offsets: number[]
}

/**
 * The frames of a run of changes, as a watcher without selectors sends them, joined into one
 * Buffer per format and shared: a thousand watchers replaying the same log block each write a
 * view of the same bytes, one write per page instead of one per event (the per-write cost was most
 * of a resume storm's CPU). Only transports that frame by newline can take joined frames.
 */
export class JoinedFrames {
  readonly #byFormat = new Map<string, Joined>()
  /**
   * the joined frames of the runs this one joins, copied whole rather than joined again (not the
   * runs: no chain of runs stays alive)
   */
  #partsByFormat: readonly ReadonlyMap<string, Joined>[] = []

  constructor(readonly changes: readonly EncodedChange[]) {}

  /** changes whose frames in `format` were read joined: `bytes`, each change's frame `frameBytes[i]` long */
  static read(changes: readonly EncodedChange[], joined: { format: WatchFormat; bytes: Buffer; frameBytes: readonly number[] }): JoinedFrames {
    const run = new JoinedFrames(changes)
    const offsets = [0]
    for (const length of joined.frameBytes) offsets.push(offsets.at(-1)! + length)
    run.#byFormat.set(joined.format.key, { bytes: joined.bytes, offsets })
    return run
  }

  /** these changes followed by those of `more` (the newest log block as it fills) */
  followedBy(more: JoinedFrames): JoinedFrames {
    const run = new JoinedFrames([...this.changes, ...more.changes])
    run.#partsByFormat = [this.#byFormat, more.#byFormat]
    return run
  }

  /** the frames of changes[fromIndex] onwards as one Buffer (a view, not a copy) */
  from(fromIndex: number, format: WatchFormat): Buffer {
    let joined = this.#byFormat.get(format.key)
    if (!joined) this.#byFormat.set(format.key, (joined = this.#join(format)))
    return joined.bytes.subarray(joined.offsets[fromIndex])
  }

  #join(format: WatchFormat): Joined {
    const [start, more] = this.#partsByFormat.map((part) => part.get(format.key))
    // Most runs are sent in one format: let the parts' bytes go once they are copied.
    this.#partsByFormat = []
    if (start && more) return joinedPair(start, more)
    const fromIndex = start ? start.offsets.length - 1 : 0
    // A watcher without selectors sends each change as its own type, never a previous state.
    const frames = this.changes.slice(fromIndex).map((c) => c.frame(c.change.type, false, format, false))
    const offsets = start ? [...start.offsets] : [0]
    for (const frame of frames) offsets.push(offsets.at(-1)! + frame.length)
    return { bytes: Buffer.concat(start ? [start.bytes, ...frames] : frames, offsets.at(-1)), offsets }
  }
}

function joinedPair(start: Joined, more: Joined): Joined {
  const startBytes = start.bytes.length
  return { bytes: Buffer.concat([start.bytes, more.bytes]), offsets: [...start.offsets, ...more.offsets.slice(1).map((offset) => offset + startBytes)] }
}

/** A watcher's page of replayed changes: the changes, and their frames joined (see JoinedFrames). */
export class ReplayPage {
  constructor(
    private readonly run: JoinedFrames,
    private readonly fromIndex: number,
  ) {}

  get changes(): readonly EncodedChange[] {
    return this.fromIndex === 0 ? this.run.changes : this.run.changes.slice(this.fromIndex)
  }

  get isEmpty(): boolean {
    return this.fromIndex >= this.run.changes.length
  }

  /** the revision of the page's last change (not for an empty page) */
  get lastRevision(): Revision {
    return this.run.changes.at(-1)!.change.revision
  }

  joinedFrames(format: WatchFormat): Buffer {
    return this.run.from(this.fromIndex, format)
  }
}
