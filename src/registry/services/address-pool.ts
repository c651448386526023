/** Why a value could not be had: kube's allocator errors (k8s: pkg/registry/core/service/ipallocator, portallocator). */
export type AllocationFailure = 'allocated' | 'not-in-range' | 'full'

// A value handed out but not yet seen in a commit is held this long; a write that failed simply
// lets it lapse, so nothing has to undo an allocation.
const RESERVATION_MS = 30_000

/**
 * A range of integers (IPv4 addresses as numbers, or ports) handed out one at a time. What is
 * taken comes from committed objects (`commit` / `release`, driven by the commit stream), plus
 * short reservations for writes still in flight.
 */
export class AddressPool {
  readonly #committed = new Map<number, string>()
  readonly #reservedUntilMs = new Map<number, number>()
  #next: number

  constructor(
    readonly first: number,
    readonly last: number,
    private readonly nowMs: () => number,
  ) {
    this.#next = first
  }

  /** takes `wanted`, or the next free value when none is wanted; `owner` identifies a re-request */
  allocate(owner: string, wanted?: number): number | AllocationFailure {
    if (wanted !== undefined) {
      if (wanted < this.first || wanted > this.last) return 'not-in-range'
      if (!this.#isFreeFor(wanted, owner)) return 'allocated'
      this.#reserve(wanted)
      return wanted
    }
    const size = this.last - this.first + 1
    for (let i = 0; i < size; i++) {
      const candidate = this.first + ((this.#next - this.first + i) % size)
      if (!this.#isFreeFor(candidate, owner)) continue
      this.#next = candidate + 1 > this.last ? this.first : candidate + 1
      this.#reserve(candidate)
      return candidate
    }
    return 'full'
  }

  /** a committed object holds `value` */
  commit(value: number, owner: string): void {
    this.#committed.set(value, owner)
    this.#reservedUntilMs.delete(value)
  }

  /** a committed object no longer holds `value` */
  release(value: number, owner: string): void {
    if (this.#committed.get(value) === owner) this.#committed.delete(value)
  }

  #isFreeFor(value: number, owner: string): boolean {
    const holder = this.#committed.get(value)
    if (holder !== undefined) return holder === owner
    return (this.#reservedUntilMs.get(value) ?? 0) <= this.nowMs()
  }

  #reserve(value: number): void {
    this.#reservedUntilMs.set(value, this.nowMs() + RESERVATION_MS)
  }
}
