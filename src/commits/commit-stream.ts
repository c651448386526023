import { Subject, type Observable } from 'rxjs'
import type { Commit, CommitPublisher } from './commit.js'

/**
 * The in-process stream of committed changes. It has no replay: a watcher that needs the past
 * reads the log, then subscribes in the same tick (storage publishes synchronously after COMMIT,
 * so nothing can fall between the two).
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
