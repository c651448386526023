import { Router } from 'express'
import type { ServerMetrics } from './metrics.js'

/** /livez, /readyz, /healthz answer `ok` as kube-apiserver does; /metrics is Prometheus text. */
export function healthRouter(metrics: ServerMetrics, isReady: () => boolean): Router {
  const router = Router()
  router.get('/livez', (_req, res) => void res.type('text/plain').send('ok'))
  router.get(['/readyz', '/healthz'], (_req, res) => {
    if (isReady()) return void res.type('text/plain').send('ok')
    res.status(503).type('text/plain').send('not ready')
  })
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  return router
}
