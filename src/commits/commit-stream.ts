import type { Observable } from 'rxjs'
// Subject alone, not the package's index: that loads every operator (hundreds of modules) at start.
import { Subject } from 'rxjs/internal/Subject'
import type { Commit, CommitPublisher } from './commit.js'

/**
 * The in-process stream of committed changes, in revision order. It has no replay: a watcher that
 * needs the past reads the log; the watch hub's `publishedThrough` tells it where the log ends and
 * the stream begins (watch/watcher.ts joins before its last read and holds what comes meanwhile).
 */
export class CommitStream implements CommitPublisher {
  readonly #subject = new Subject<Commit>()
  readonly commits$: Observable<Commit> = this.#subject.asObservable()

  publish(commits: readonly Commit[]): void {
    for (const commit of commits) this.#subject.next(commit)
  }

  close(): void {
    this.#subject.complete()
  }
}
