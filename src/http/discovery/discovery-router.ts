import { Router, type Request, type Response } from 'express'
import type { ResourceRegistry } from '../../registry/resource-registry.js'
import { sendJson, sendJsonText } from '../respond.js'
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, wantsAggregated } from './aggregated-discovery.js'
import { apiResourceEntries } from './api-resources.js'
import { VERSION_INFO } from './version-info.js'

function groupEntry(group: string, versions: string[]) {
  const entries = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }))
  return { name: group, versions: entries, preferredVersion: entries[0] }
}

/** /version, /api, /apis and per-group discovery: read-only views of the registry. */
export function discoveryRouter(registry: ResourceRegistry): Router {
  const router = Router()
  // Each document is serialized once per set of served resources: a CRD coming or going clears them.
  const documents = new Map<string, string>()
  registry.onChange(() => documents.clear())
  const documentOf = (key: string, build: () => unknown) => {
    let json = documents.get(key)
    if (json === undefined) documents.set(key, (json = JSON.stringify(build())))
    return json
  }
  const namedGroups = () => {
    const groups = new Map<string, string[]>()
    for (const { group, version } of registry.groupVersions()) if (group) groups.set(group, [...(groups.get(group) ?? []), version])
    return groups
  }
  const aggregated = (req: Request, res: Response, isCore: boolean): boolean => {
    const version = wantsAggregated(req.headers.accept)
    if (!version) return false
    res.setHeader('Vary', 'Accept')
    const body = documentOf(`aggregated/${version}/${isCore}`, () => aggregatedDiscovery(registry, version, isCore))
    res.writeHead(200, { 'Content-Type': AGGREGATED_CONTENT_TYPE(version), 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
    return true
  }

  router.get('/version', (_req, res) => sendJson(res, 200, VERSION_INFO))
  router.get('/api', (req, res) => {
    if (aggregated(req, res, true)) return
    const serverAddress = req.headers.host ?? ''
    sendJson(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] })
  })
  router.get('/apis', (req, res) => {
    if (aggregated(req, res, false)) return
    sendJsonText(res, 200, documentOf('apis', () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: [...namedGroups()].map(([g, vs]) => groupEntry(g, vs)) })))
  })
  router.get('/api/v1', (_req, res) => {
    sendJsonText(res, 200, documentOf('api/v1', () => ({ kind: 'APIResourceList', groupVersion: 'v1', resources: registry.inGroupVersion('', 'v1').flatMap(apiResourceEntries) })))
  })
  router.get('/apis/:group', (req, res, next) => {
    const versions = namedGroups().get(req.params.group)
    if (!versions) return next()
    sendJsonText(res, 200, documentOf(`apis/${req.params.group}`, () => ({ kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(req.params.group, versions) })))
  })
  router.get('/apis/:group/:version', (req, res, next) => {
    const defs = registry.inGroupVersion(req.params.group, req.params.version)
    if (!defs.length) return next()
    const groupVersion = `${req.params.group}/${req.params.version}`
    sendJsonText(res, 200, documentOf(`apis/${groupVersion}`, () => ({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: defs.flatMap(apiResourceEntries) })))
  })
  return router
}
