/** a promise and the function that resolves it (Promise.withResolvers is Node 22's) */
export function released(): { over: Promise<void>; resolve(): void } {
  let resolve!: () => void
  const over = new Promise<void>((r) => (resolve = r))
  return { over, resolve }
}
