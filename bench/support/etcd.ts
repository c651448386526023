import { execFileSync } from 'node:child_process'
import { startChild, type Child } from './children.js'
import { freePort } from './free-port.js'
import type { BenchRequest } from './load-generator.js'

/** The etcd binary on PATH, or undefined. */
export function findEtcd(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

export function etcdVersion(binary: string): string {
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8' })
  return /etcd Version: (\S+)/.exec(out)?.[1] ?? 'unknown'
}

/** A single-member etcd on 127.0.0.1 with its data in `dataDir`; fsyncs every commit (its default). */
export async function startEtcd(binary: string, dataDir: string): Promise<{ child: Child; url: string }> {
  const [clientPort, peerPort] = [await freePort(), await freePort()]
  const url = `http://127.0.0.1:${clientPort}`
  const peer = `http://127.0.0.1:${peerPort}`
  const child = startChild(binary, [
    '--name', 'bench', '--data-dir', dataDir,
    '--listen-client-urls', url, '--advertise-client-urls', url,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `bench=${peer}`, '--initial-cluster-state', 'new',
    '--listen-metrics-urls', '', '--log-level', 'error', '--logger', 'zap',
  ])
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      const health = await fetch(`${url}/health`)
      if (health.ok && ((await health.json()) as { health?: string }).health === 'true') return { child, url }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.process.exitCode !== null) {
      await child.stop()
      throw new Error('etcd did not become healthy within 20 s')
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const base64 = (text: string) => Buffer.from(text).toString('base64')

/** A put through etcd's v3 HTTP/JSON gateway (grpc-gateway), as `etcdctl put` would send over gRPC. */
export function etcdPut(key: string, value: string): BenchRequest {
  return {
    method: 'POST',
    path: '/v3/kv/put',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: base64(key), value: base64(value) }),
  }
}
