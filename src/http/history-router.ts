import { Router } from 'express'
import { badRequest, notFound } from '../api/errors.js'
import { queryString } from '../api/query-params.js'
import { asRevision, parseResourceVersion } from '../api/resource-version.js'
import { changeFeed, changeRecordJson, type ChangeRecord } from '../history/change-feed.js'
import { objectHistory } from '../history/object-history.js'
import type { Authorizer } from '../auth/authorization-attributes.js'
import { forbiddenError } from '../auth/forbidden-error.js'
import { ChangeFeedAccess, objectHistoryAttributes } from '../auth/watchplane-endpoints.js'
import type { ResourceRegistry } from '../registry/resource-registry.js'
import type { StorageReader } from '../storage/storage.js'
import { contextOf } from './pipeline/request-context.js'
import { sendJson, sendJsonText } from './respond.js'

const TIMELINE_MAX_CHANGES = 5000

/**
 * History endpoints (watchplane's own, not Kubernetes'):
 * - GET /watchplane/v1/history/{group}/{version}/{resource}/{namespace or _}/{name}: every revision with diffs
 * - GET /watchplane/v1/changes?from=R[&to=R][&resource=pods][&namespace=ns]: the log, for the timeline
 */
export function historyRouter(registry: ResourceRegistry, storage: StorageReader, authorizer: Authorizer): Router {
  const router = Router()
  router.get('/watchplane/v1/history/:group/:version/:resource/:namespace/:name', async (req, res) => {
    const { group, version, resource, namespace, name } = req.params
    const definition = registry.find(group === 'core' ? '' : group, version, resource)
    if (!definition) throw notFound({ group: '', resource: 'resources' }, resource)
    const key = { resource: definition.storageResource, namespace: definition.isNamespaced ? namespace : '', name }
    // An object's past is its `history` subresource (ADR 0013): `get` on `<resource>/history`, named.
    const attributes = objectHistoryAttributes(contextOf(req).user, { group: definition.group, resource: definition.plural, namespace: key.namespace, name })
    const decision = authorizer.authorize(attributes)
    if (!decision.allowed) throw forbiddenError(attributes, decision.reason)
    const revisions = await objectHistory(storage, key)
    if (revisions.length === 0) throw notFound({ group: definition.group, resource: definition.plural }, name)
    sendJson(res, 200, { kind: 'ObjectHistory', apiVersion: 'watchplane.dev/v1', compactedRevision: storage.compactedRevision(), revisions })
  })
  router.get('/watchplane/v1/changes', async (req, res) => {
    const query = new URL(req.url, 'http://localhost').searchParams
    const from = parseResourceVersion(queryString(query, 'from') ?? '1') ?? asRevision(1)
    const to = parseResourceVersion(queryString(query, 'to'))
    if (to !== undefined && to < from) throw badRequest('to must not be before from')
    const [resource, namespace] = [queryString(query, 'resource'), queryString(query, 'namespace')]
    const changes: ChangeRecord[] = []
    // Each change only for those who may list its resource's history in its namespace.
    const access = new ChangeFeedAccess(authorizer, contextOf(req).user)
    for await (const change of changeFeed(storage, {
      fromRevision: from, ...(to ? { toRevision: to } : {}),
      ...(resource ? { resource } : {}),
      ...(namespace ? { namespace } : {}),
    })) {
      if (!access.canSee(change.resource, change.namespace)) continue
      changes.push(change)
      if (changes.length >= TIMELINE_MAX_CHANGES) break
    }
    const last = changes.at(-1)?.revision
    const next = changes.length >= TIMELINE_MAX_CHANGES && last ? last + 1 : undefined
    const head = JSON.stringify({ kind: 'ChangeList', apiVersion: 'watchplane.dev/v1', currentRevision: storage.currentRevision(), compactedRevision: storage.compactedRevision(), next })
    sendJsonText(res, 200, `${head.slice(0, -1)},"changes":[${changes.map(changeRecordJson).join(',')}]}`)
  })
  return router
}
