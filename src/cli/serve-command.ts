import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createApp } from '../app.js'
import type { Config } from '../config/config.js'
import { kubeconfigFor } from '../kubeconfig.js'
import type { Logger } from 'pino'
import { createLogger } from '../log/logger.js'

/** `watchplane [serve]`: start the app, print how to point kubectl at it, stop on signals. */
export async function serve(config: Readonly<Config>): Promise<void> {
  const log = createLogger(config.logLevel)
  const startedMs = performance.now()
  const app = await createApp(config, log)
  // Before the ready line: a supervisor may send SIGTERM as soon as it reads it.
  stopOnSignals(app, log)
  const port = await app.listen()
  const url = `http://${config.address}:${port}`
  const kubeconfigPath = resolve(join(config.dataDir === ':memory:' ? '.' : config.dataDir, 'kubeconfig'))
  writeFileSync(kubeconfigPath, kubeconfigFor(url))
  log.info({ url, dataDir: config.dataDir, readyMs: Math.round(performance.now() - startedMs) }, 'serving')
  process.stdout.write(`watchplane is serving ${url}\n  export KUBECONFIG=${kubeconfigPath}\n`)
}

function stopOnSignals(app: { close(): Promise<void> }, log: Logger): void {
  let isStopping = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (isStopping) return
      isStopping = true
      log.info({ signal }, 'stopping')
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'stop failed')
          process.exit(1)
        },
      )
    })
  }
}
