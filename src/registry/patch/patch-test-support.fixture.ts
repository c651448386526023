import assert from 'node:assert/strict'
import { ApiError } from '../../api/errors.js'

/** Freezes a JSON value all the way down, so an engine that mutates its input throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze)
    Object.freeze(value)
  }
  return value
}

/** Writes into every object and array of `result`: throws if any of them is a frozen input's, i.e. shared. */
export function assertSharesNothing(result: unknown): void {
  if (typeof result !== 'object' || result === null) return
  Object.values(result).forEach(assertSharesNothing)
  assert.doesNotThrow(() => Object.defineProperty(result, '__probe', { value: 1, configurable: true }))
}

/** An assert.throws matcher for an ApiError with this code and, when given, a message matching `message`. */
export function apiError(code: number, message?: RegExp | string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`)
    assert.equal(error.code, code, error.message)
    if (typeof message === 'string') assert.equal(error.message, message)
    else if (message) assert.match(error.message, message)
    return true
  }
}
