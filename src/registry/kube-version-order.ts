const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/

/**
 * Orders API versions as kube prefers them (k8s: apimachinery pkg/version/helpers.go
 * CompareKubeAwareVersionStrings): GA before beta before alpha, higher numbers first, then any
 * other string alphabetically. Negative when `a` comes first.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = KUBE_VERSION.exec(v)
    if (!m) return undefined
    const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0
    return [stage, Number(m[1]), Number(m[3] ?? 0)]
  }
  const ra = rank(a)
  const rb = rank(b)
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a < b ? -1 : a > b ? 1 : 0
  // GA, then beta, then alpha; within a stage the higher major, then the higher minor.
  if (ra[0] !== rb[0]) return rb[0] - ra[0]
  if (ra[1] !== rb[1]) return rb[1] - ra[1]
  return rb[2] - ra[2]
}
