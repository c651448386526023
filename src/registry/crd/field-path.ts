// field.Path as apimachinery prints it (pkg/util/validation/field/path.go): `.child`, `[index]`,
// `[key]` for map keys (`properties[spec]`).

export const child = (path: string, ...names: string[]): string =>
  names.reduce((p, name) => (p ? `${p}.${name}` : name), path)

export const index = (path: string, i: number): string => `${path}[${i}]`

export const key = (path: string, k: string): string => `${path}[${k}]`
