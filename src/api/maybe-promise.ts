/** A value now or later: certificates and cached tokens answer at once, a token seen for the first time later. */
export type MaybePromise<T> = T | Promise<T>

export const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> => value instanceof Promise

/** Applies `next` to a value that may still be coming, without a microtask when it is already here. */
export const then = <T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> =>
  isPromise(value) ? value.then(next) : next(value)

/**
 * Runs `produce` and hands its value (now or later) to `onValue`; whatever fails on the way, a
 * throw or a rejection, in `produce` or in `onValue`, goes to `onError` exactly once.
 */
export function settle<T>(produce: () => MaybePromise<T>, onValue: (value: T) => MaybePromise<void>, onError: (error: unknown) => void): void {
  let result: MaybePromise<void>
  try {
    result = then(produce(), onValue)
  } catch (error) {
    return onError(error)
  }
  if (isPromise(result)) result.catch(onError)
}
