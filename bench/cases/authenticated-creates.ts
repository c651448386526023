import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchCase } from '../support/bench-case.js'
import { measureInterleaved, type RoundSeries } from '../support/interleaved-rounds.js'
import { podBody } from '../support/pods.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

// serve-watchplane-secure.ts's token user, in a group bound to `edit`
const BENCH_TOKEN = 'bench-token'
const PODS = '/api/v1/namespaces/default/pods'

const createPod = (headers: Record<string, string>) => (name: string) =>
  ({ method: 'POST', path: PODS, headers: { 'content-type': 'application/json', ...headers }, body: podBody(name) })

export const authenticatedCreates: BenchCase = {
  name: 'creates with authentication and RBAC on, beside off',
  async run(ctx) {
    const secureDir = makeTempDir('auth-on')
    const off: RoundSeries = { label: 'plain HTTP, anonymous admin (off)', server: await startServer('serve-watchplane.ts', [makeTempDir('auth-off')]), request: createPod({}) }
    const on: RoundSeries = {
      label: 'TLS, bearer token, RBAC edit (on)', server: await startServer('serve-watchplane-secure.ts', [secureDir]),
      request: createPod({ authorization: `Bearer ${BENCH_TOKEN}` }), caPem: readFileSync(join(secureDir, 'bench-ca.pem'), 'utf8'),
    }
    const read = (file: string) => readFileSync(join(secureDir, file), 'utf8')
    // The same TLS server, as its admin: system:masters skips RBAC, so this row is TLS alone.
    const tlsOnly: RoundSeries = {
      label: 'TLS, admin certificate (TLS only)', server: on.server, request: createPod({}), caPem: on.caPem!,
      clientCertificate: { certPem: read('bench-admin.pem'), keyPem: read('bench-admin-key.pem') },
    }
    try {
      await measureInterleaved(ctx, [off, on, tlsOnly])
      const rows: ResultRow[] = [
        { case: 'Pod creates/s, 64 clients: TLS + token + RBAC', unit: '/s', ours: on.best!.perSecond, reference: off.best!.perSecond, referenceLabel: 'plain HTTP, no authentication', goal: { type: 'ratio-at-least', ratio: 0.9 } },
        { case: 'server CPU per create: TLS + token + RBAC', unit: 'µs', ours: on.best!.serverCpuPerRequestUs ?? NaN, reference: off.best!.serverCpuPerRequestUs ?? NaN, referenceLabel: 'plain HTTP, no authentication' },
        { case: 'Pod creates/s, 64 clients: TLS + token + RBAC', unit: '/s', ours: on.best!.perSecond, reference: tlsOnly.best!.perSecond, referenceLabel: 'TLS alone (admin certificate)' },
        { case: 'Pod creates/s, 64 clients: TLS alone (admin certificate)', unit: '/s', ours: tlsOnly.best!.perSecond, reference: off.best!.perSecond, referenceLabel: 'plain HTTP, no authentication' },
      ]
      return rows
    } finally {
      await Promise.all([off.server.child.stop(), on.server.child.stop()])
    }
  },
}
