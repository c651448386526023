import { writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { join } from 'node:path'
import { startWatchplane } from '../../src/start-watchplane.js'

// Child process: the server as users run it, over TLS with authentication and RBAC, and a token
// user who may edit (bound through a group, as teams bind their users). argv: <dataDir>.
// Prints `READY <url>` once the binding is in place; the CA is in <dataDir>/bench-ca.pem, the
// admin's certificate and key beside it.
const BENCH_TOKEN = 'bench-token' // bench/cases/authenticated-creates.ts sends it
const [dataDir] = process.argv.slice(2)
if (!dataDir) throw new Error('usage: serve-watchplane-secure.ts <dataDir>')
const tokenFile = join(dataDir, 'bench-tokens.csv')
writeFileSync(tokenFile, `${BENCH_TOKEN},bench-user,bench-uid,"bench-editors"\n`)
const wp = await startWatchplane({ dataDir, durability: 'full', logLevel: 'silent', tokenAuthFile: tokenFile })
const tls = wp.tls!
writeFileSync(join(dataDir, 'bench-ca.pem'), tls.caPem!)
// the admin's certificate (system:masters: RBAC allows it before reading any rule), to tell TLS from RBAC
writeFileSync(join(dataDir, 'bench-admin.pem'), tls.certPem)
writeFileSync(join(dataDir, 'bench-admin-key.pem'), tls.keyPem)
const binding = JSON.stringify({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'bench-editors' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bench-editors' }],
})
await new Promise<void>((resolve, reject) => {
  const req = request(`${wp.url}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`, {
    method: 'POST', ca: tls.caPem, cert: tls.certPem, key: tls.keyPem, headers: { 'content-type': 'application/json' },
  }, (res) => {
    res.resume()
    res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`binding: HTTP ${res.statusCode}`))))
  })
  req.on('error', reject)
  req.end(binding)
})
process.stdout.write(`READY ${wp.url}\n`)
process.once('SIGTERM', () => {
  wp.close().then(() => process.exit(0), () => process.exit(1))
})
