import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { int, items, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go endpointColumnDefinitions / printEndpoints.
export const endpointsPrinter: Printer = {
  columns: [nameColumn, column('Endpoints', 'Endpoints.subsets'), ageColumn],
  cells(ep, nowMs) {
    return [ep.metadata.name ?? '', formatEndpoints(ep), timeSince(ep.metadata.creationTimestamp, nowMs)]
  },
}

const SHOWN = 3

/** formatEndpoints(ports=nil): the first three `ip:port` (or bare IPs without ports), then `+ N more...`. */
function formatEndpoints(ep: KubeObject): string {
  const subsets = items(ep, 'subsets')
  if (subsets.length === 0) return '<none>'
  const shown: string[] = []
  let count = 0
  for (const subset of subsets) {
    const ips = items(subset, 'addresses').map((a) => text(a, 'ip'))
    const ports = items(subset, 'ports')
    // Headless services may have addresses without ports.
    for (const port of ports.length === 0 ? [undefined] : ports) {
      count += ips.length
      for (const ip of ips) {
        if (shown.length === SHOWN) break
        shown.push(port === undefined ? ip : joinHostPort(ip, int(port, 'port')))
      }
    }
  }
  const joined = shown.join(',')
  return count > SHOWN ? `${joined} + ${count - SHOWN} more...` : joined
}

/** net.JoinHostPort: IPv6 hosts get brackets. */
const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)
