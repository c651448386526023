import { isVirtual, type ResourceDefinition } from '../resource-definition.js'
import { operation, type Action, type GroupVersionKind } from './operation.js'
import { NAME, NAMESPACE, PRETTY, type Parameter } from './query-parameters.js'

export type PathItem = Record<string, unknown>

/** The autoscaling/v1 Scale every `scale` subresource reads and writes, as in kube. */
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale'
const SCALE_GVK: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' }
/** authentication/v1 TokenRequest, what a ServiceAccount's `token` subresource creates */
export const TOKEN_REQUEST_SCHEMA = 'io.k8s.api.authentication.v1.TokenRequest'
const TOKEN_REQUEST_GVK: GroupVersionKind = { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }

/** An operation: its action, and its operation id from the group version and the target's name. */
type Verb = { action: Action; id: (gv: string, name: string) => string }
const verb = (action: Action, word: string): Verb => ({ action, id: (gv, name) => `${word}${gv}${name}` })

const READ = verb('get', 'read')
const REPLACE = verb('put', 'replace')
const PATCH = verb('patch', 'patch')
const LIST = verb('list', 'list')
const CREATE = verb('post', 'create')
const ITEM_VERBS = [READ, REPLACE, PATCH, verb('delete', 'delete')]
const SUBRESOURCE_VERBS = [READ, REPLACE, PATCH]
const COLLECTION_VERBS = [
  LIST,
  CREATE,
  { action: 'deletecollection', id: (gv, name) => `delete${gv}Collection${name}` } satisfies Verb,
]

/** The HTTP method of each action. */
const METHODS: Record<Action, string> = {
  get: 'get',
  list: 'get',
  post: 'post',
  put: 'put',
  patch: 'patch',
  delete: 'delete',
  deletecollection: 'delete',
}

/** What one path's operations act on. */
interface Target {
  gvk: GroupVersionKind
  schema: string
  /** the operation id's tail: `NamespacedDeployment`, `PodForAllNamespaces`, `NamespacedDeploymentScale` */
  name: string
  /** path parameters, then `pretty` */
  parameters: readonly Parameter[]
  /** the list kind, for list operations' schema */
  listKind?: string
}

/** The list kind's schema beside the kind's: `io.k8s.api.core.v1.Pod` → `…PodList`, `com.example.v1.CronTab` → `…CronTabList`. */
export const listSchemaName = (schemaName: string, kind: string, listKind = `${kind}List`) =>
  schemaName.endsWith(kind) ? `${schemaName.slice(0, -kind.length)}${listKind}` : `${schemaName}List`

/**
 * The paths kube-apiserver documents for one resource: its collection, its items, their
 * subresources and, for namespaced kinds, the all-namespaces list. Every patch operation of the kind
 * carries its GVK and `fieldValidation`: kubectl checks whichever one it meets first.
 */
export function kindPaths(resource: ResourceDefinition): Record<string, PathItem> {
  const { group, version, kind, plural, isNamespaced, schemaName: schema } = resource
  const label = operationIdPart(group ? group.replace(/\.k8s\.io$/, '') : 'core')
  const gv = pascal(label) + pascal(version)
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`
  const collection = `${prefix}${isNamespaced ? '/namespaces/{namespace}' : ''}/${plural}`
  const item = `${collection}/{name}`
  const scope = isNamespaced ? [NAMESPACE] : []
  const name = `${isNamespaced ? 'Namespaced' : ''}${kind}`
  const gvk = { group, version, kind }
  const build = (verbs: readonly Verb[], target: Target) =>
    pathItem(verbs, target, { gv, tag: `${label}_${version}`, acceptsStrategicMergePatch: resource.acceptsStrategicMergePatch })
  // A kind that stores nothing is only created: one path, one operation (kube's access reviews).
  if (isVirtual(resource)) return { [collection]: build([CREATE], { gvk, schema, name, parameters: scope }) }

  const paths: Record<string, PathItem> = {
    [collection]: build(COLLECTION_VERBS, { gvk, schema, name, parameters: scope, listKind: resource.listKind }),
    [item]: build(ITEM_VERBS, { gvk, schema, name, parameters: [NAME, ...scope] }),
  }
  if (isNamespaced) {
    paths[`${prefix}/${plural}`] = build([LIST], { gvk, schema, name: `${kind}ForAllNamespaces`, parameters: [], listKind: resource.listKind })
  }
  if (resource.subresources.status !== undefined) {
    const target = { gvk, schema, name: `${name}Status`, parameters: [NAME, ...scope] }
    paths[`${item}/status`] = build(SUBRESOURCE_VERBS, target)
  }
  if (resource.subresources.scale !== undefined) {
    const target = { gvk: SCALE_GVK, schema: SCALE_SCHEMA, name: `${name}Scale`, parameters: [NAME, ...scope] }
    paths[`${item}/scale`] = build(SUBRESOURCE_VERBS, target)
  }
  if (resource.subresources.token !== undefined) {
    const target = { gvk: TOKEN_REQUEST_GVK, schema: TOKEN_REQUEST_SCHEMA, name: `${name}Token`, parameters: [NAME, ...scope] }
    paths[`${item}/token`] = build([CREATE], target)
  }
  return paths
}

function pathItem(verbs: readonly Verb[], target: Target, group: { gv: string; tag: string; acceptsStrategicMergePatch: boolean }): PathItem {
  const item: PathItem = {}
  for (const { action, id } of verbs) {
    item[METHODS[action]] = operation({
      action,
      operationId: id(group.gv, target.name),
      gvk: target.gvk,
      schema: action === 'list' ? listSchemaName(target.schema, target.gvk.kind, target.listKind) : target.schema,
      tag: group.tag,
      acceptsStrategicMergePatch: group.acceptsStrategicMergePatch,
    })
  }
  item['parameters'] = [...target.parameters, PRETTY]
  return item
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * A group as operation ids and tags spell it (k8s: apiserver pkg/endpoints/openapi
 * GetOperationIDAndTags, ToValidOperationID): `.k8s.io` dropped, each other separator removed and
 * the letter after it capitalised: `rbac.authorization` → `rbacAuthorization`, `stable.example.com`
 * → `stableExampleCom`.
 */
function operationIdPart(group: string): string {
  return group.replace(/[^A-Za-z0-9]+([A-Za-z0-9]?)/g, (_m, next: string) => next.toUpperCase())
}
