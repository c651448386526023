import type { ServerResponse } from 'node:http'
import { Router } from 'express'
import type { ServerMetrics } from './metrics.js'

const PLAIN_TEXT = 'text/plain; charset=utf-8'

/** /livez, /readyz, /healthz answer `ok` as kube-apiserver does; /metrics is Prometheus text. */
export function healthRouter(metrics: ServerMetrics, isReady: () => boolean): Router {
  const router = Router()
  router.get('/livez', (_req, res) => sendText(res, 200, PLAIN_TEXT, 'ok'))
  router.get(['/readyz', '/healthz'], (_req, res) => {
    if (isReady()) return sendText(res, 200, PLAIN_TEXT, 'ok')
    sendText(res, 503, PLAIN_TEXT, 'not ready')
  })
  router.get('/metrics', async (_req, res) => {
    // prom-client's type names its charset: `text/plain; version=0.0.4; charset=utf-8`
    sendText(res, 200, metrics.registry.contentType, await metrics.registry.metrics())
  })
  return router
}

/**
 * The headers express's `res.type(…).send(text)` wrote, written directly: express completes a
 * Content-Type through mime-types, whose first use builds its tables from mime-db (~1 MB of heap,
 * ~15 ms), and every start's first /readyz (a supervisor's, the bench's) paid that.
 */
function sendText(res: ServerResponse, statusCode: number, contentType: string, text: string): void {
  res.writeHead(statusCode, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}
