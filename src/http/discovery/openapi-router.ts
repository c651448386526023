import { Router } from 'express'
import { queryString } from '../../api/query-params.js'
import type { SchemaCatalog } from '../../registry/schema-catalog.js'
import { sendJson } from '../respond.js'

/**
 * /openapi/v3 and its per-group-version documents. The hashed URLs are immutable, so kubectl
 * caches them and only refetches the index (k8s: kube-openapi handler3).
 */
export function openApiRouter(catalog: SchemaCatalog): Router {
  const router = Router()
  router.get('/openapi/v3', (_req, res) => sendJson(res, 200, catalog.openApiIndex()))
  router.get(/^\/openapi\/v3\/(apis?\/.+)$/, (req, res, next) => {
    const document = catalog.openApiDocument((req.params as Record<string, string>)[0]!)
    if (!document) return next()
    const isHashed = queryString(new URL(req.url, 'http://localhost').searchParams, 'hash') === document.hash
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': document.body.length,
      Etag: `"${document.hash}"`,
      Vary: 'Accept',
      ...(isHashed
        ? { 'Cache-Control': 'public, immutable', Expires: new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString() }
        : { 'Cache-Control': 'no-cache, private' }),
    })
    res.end(document.body)
  })
  return router
}
