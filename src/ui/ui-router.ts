import { join } from 'node:path'
import express, { Router } from 'express'
import { findPackageDir } from '../config/package-dir.js'

const STATIC_PATH = join('src', 'ui', 'static')

// The page loads only its own files and talks only to this server (fetch and the multiplexed
// WebSocket; CSP3 lets 'self' match ws: on the same host). Marks are positioned with style attributes.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "connect-src 'self'", "img-src 'self' data:", "style-src 'self'",
  "style-src-attr 'unsafe-inline'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ')

/** The timeline UI (docs/timeline-ui.md): static files at /ui/, no build step. */
export function uiRouter(): Router {
  const router = Router()
  router.use('/ui', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    next()
  })
  // `/ui` redirects to `/ui/`, so the page's relative URLs resolve inside it.
  router.use('/ui', express.static(findPackageDir(import.meta.url, STATIC_PATH), { index: 'index.html', redirect: true }))
  return router
}
