import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from './app.js'
import { toConfig, type Config } from './config/config.js'
import { serverAccess, type ClientTls } from './kubeconfig.js'
import { createLogger } from './log/logger.js'

export interface StartOptions extends Partial<Config> {
  /** omit for a fresh temporary directory, removed again by close() */
  dataDir?: string
}

export interface RunningWatchplane {
  /** https://127.0.0.1:<port> (http:// with insecureHttp) */
  url: string
  port: number
  dataDir: string
  /** a kubeconfig's YAML text pointing at this server */
  kubeconfig: string
  /** where that kubeconfig was written (inside dataDir; undefined for ':memory:') */
  kubeconfigPath: string | undefined
  /**
   * the admin's client certificate and the CA, for test clients (undici/https `ca`, `cert`, `key`);
   * undefined over plain HTTP
   */
  tls: ClientTls | undefined
  close(): Promise<void>
  /** drops history at or before `revision`: watches and exact lists from before it get 410 */
  compact(revision: number): Promise<void>
  /** the newest committed revision */
  currentRevision(): number
}

/**
 * Starts a real API server, for other projects' tests too: `const wp = await startWatchplane()`
 * gives an https URL, a kubeconfig with the admin's client certificate, and those credentials.
 * Defaults to port 0 and a temp data dir.
 */
export async function startWatchplane(options: StartOptions = {}): Promise<RunningWatchplane> {
  const isTemporary = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'watchplane-'))
  const config = toConfig({ port: 0, logLevel: 'silent', ...options, dataDir })
  const app = await createApp(config, createLogger(config.logLevel))
  const port = await app.listen()
  const { url, kubeconfig, tls } = serverAccess(config, port, app.pki)
  const kubeconfigPath = dataDir === ':memory:' ? undefined : join(dataDir, 'kubeconfig')
  if (kubeconfigPath) writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 })
  return {
    url, port, dataDir, kubeconfig, kubeconfigPath, tls,
    compact: (revision) => app.compact(revision),
    currentRevision: () => app.currentRevision(),
    close: async () => {
      await app.close()
      if (isTemporary) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
