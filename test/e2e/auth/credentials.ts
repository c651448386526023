import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'

/** A kubeconfig for `server` that authenticates with a bearer token only (no client certificate). */
export function tokenKubeconfig(server: RunningWatchplane, token: string | undefined): string {
  const ca = server.tls?.caPem ? `\n    certificate-authority-data: ${Buffer.from(server.tls.caPem).toString('base64')}` : ''
  const user = token === undefined ? ' {}' : `\n    token: ${token}`
  const path = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'kubeconfig')
  writeFileSync(path, `apiVersion: v1
kind: Config
clusters:
- name: watchplane
  cluster:
    server: ${server.url}${ca}
contexts:
- name: watchplane
  context: {cluster: watchplane, user: someone, namespace: default}
current-context: watchplane
users:
- name: someone
  user:${user}
`)
  return path
}

/** A static token file (--token-auth-file) holding `lines`, kube's CSV format. */
export function tokenFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tokens-')), 'tokens.csv')
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}
