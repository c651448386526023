import { readFileSync } from 'node:fs'

// The kernel's TCP counters (/proc/net/netstat, TcpExt) for this network namespace: every process
// in it, so other benches running at once count too. They tell waits that no event-loop stall
// explains: a full accept queue drops handshakes (ListenOverflows), a dropped packet waits for a
// retransmission timeout (TCPTimeouts: 200 ms, doubling each time), a receive queue past its
// buffer is pruned (PruneCalled).
const NAMES = ['ListenOverflows', 'TCPTimeouts', 'PruneCalled', 'TCPRcvQDrop', 'TCPBacklogDrop', 'TCPMemoryPressures'] as const

export type TcpCounters = Record<(typeof NAMES)[number], number>

export function readTcpCounters(): TcpCounters {
  const counters = Object.fromEntries(NAMES.map((name) => [name, NaN])) as TcpCounters
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'))
    const [names = [], values = []] = lines.map((line) => line.split(/\s+/))
    for (const name of NAMES) counters[name] = Number(values[names.indexOf(name)])
  } catch {
    // not Linux: the counters stay NaN
  }
  return counters
}

export function describeTcpCountersSince(before: TcpCounters): string {
  const after = readTcpCounters()
  return NAMES.map((name) => `${name} +${after[name] - before[name]}`).join(', ')
}
