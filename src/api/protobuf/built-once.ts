/** `build` memoized by name: a message's spec or plan is derived on its first use and kept for the process. */
export function builtOnce<T>(build: (name: string) => T): (name: string) => T {
  const built = new Map<string, T>()
  return (name) => {
    let value = built.get(name)
    if (value === undefined) {
      value = build(name)
      built.set(name, value)
    }
    return value
  }
}
