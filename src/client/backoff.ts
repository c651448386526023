/** How long to wait before the next attempt at something that keeps failing. */
export interface BackoffPolicy {
  /** the ceiling of the first retry's delay */
  initialDelayMs: number
  /** the ceiling never grows past this */
  maxDelayMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ initialDelayMs: 250, maxDelayMs: 30_000 })

/**
 * Capped exponential backoff with "equal jitter": half the ceiling plus a random half, so many
 * clients cut off by one server restart do not come back in step, yet none retries at once.
 * `attempt` counts from 0.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceilingMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30))
  return ceilingMs / 2 + random() * (ceilingMs / 2)
}
