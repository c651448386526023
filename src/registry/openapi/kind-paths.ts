import type { ResourceDefinition } from '../resource-definition.js'
import { operation, type Action, type GroupVersionKind } from './operation.js'
import { NAME, NAMESPACE, PRETTY, type Parameter } from './query-parameters.js'

export type PathItem = Record<string, unknown>

/** The autoscaling/v1 Scale every `scale` subresource reads and writes, as in kube. */
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale'
const SCALE_GVK: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' }

type Verb = [Action, string]
const ITEM_VERBS: Verb[] = [['get', 'read'], ['put', 'replace'], ['patch', 'patch'], ['delete', 'delete']]
const SUBRESOURCE_VERBS: Verb[] = [['get', 'read'], ['put', 'replace'], ['patch', 'patch']]
const COLLECTION_VERBS: Verb[] = [['list', 'list'], ['post', 'create'], ['deletecollection', 'deleteCollection']]

/** kube's URL method for each action */
const METHODS: Record<Action, string> = {
  get: 'get', list: 'get', post: 'post', put: 'put', patch: 'patch', delete: 'delete', deletecollection: 'delete',
}

/**
 * The paths kube-apiserver documents for one resource: its collection, its items, their
 * subresources and, for namespaced kinds, the all-namespaces list. Operation ids follow kube
 * (`patchAppsV1NamespacedDeployment`).
 */
export function kindPaths(resource: ResourceDefinition): Record<string, PathItem> {
  const { group, version, kind, plural, isNamespaced } = resource
  const firstLabel = group ? group.split('.')[0]! : 'core'
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`
  const collection = `${prefix}${isNamespaced ? '/namespaces/{namespace}' : ''}/${plural}`
  const item = `${collection}/{name}`
  const scoped = isNamespaced ? 'Namespaced' : ''
  const shared = {
    gv: pascal(firstLabel) + pascal(version),
    tag: `${firstLabel}_${version}`,
    scope: isNamespaced ? [NAMESPACE] : [],
  }
  const gvk = { group, version, kind }
  const paths: Record<string, PathItem> = {
    [collection]: pathItem(shared, COLLECTION_VERBS, { gvk, schema: resource.schemaName, suffix: `${scoped}${kind}`, params: [] }),
    [item]: pathItem(shared, ITEM_VERBS, { gvk, schema: resource.schemaName, suffix: `${scoped}${kind}`, params: [NAME] }),
  }
  if (isNamespaced) {
    paths[`${prefix}/${plural}`] = pathItem({ ...shared, scope: [] }, [['list', 'list']], {
      gvk, schema: resource.schemaName, suffix: `${kind}ForAllNamespaces`, params: [],
    })
  }
  if (resource.subresources.includes('status')) {
    paths[`${item}/status`] = pathItem(shared, SUBRESOURCE_VERBS, { gvk, schema: resource.schemaName, suffix: `${scoped}${kind}Status`, params: [NAME] })
  }
  if (resource.subresources.includes('scale')) {
    paths[`${item}/scale`] = pathItem(shared, SUBRESOURCE_VERBS, { gvk: SCALE_GVK, schema: SCALE_SCHEMA, suffix: `${scoped}${kind}Scale`, params: [NAME] })
  }
  return paths
}

interface Shared {
  gv: string
  tag: string
  scope: readonly Parameter[]
}

interface Target {
  gvk: GroupVersionKind
  schema: string
  /** what follows the verb and group version in the operation id */
  suffix: string
  params: readonly Parameter[]
}

function pathItem(shared: Shared, verbs: readonly Verb[], target: Target): PathItem {
  const item: PathItem = {}
  for (const [action, verb] of verbs) {
    const schema = action === 'list' ? `${target.schema}List` : target.schema
    const [head, ...tail] = verb === 'deleteCollection' ? ['delete', 'Collection'] : [verb]
    item[METHODS[action]] = operation({
      action,
      operationId: `${head}${shared.gv}${tail.join('')}${target.suffix}`,
      gvk: target.gvk,
      schema,
      tag: shared.tag,
    })
  }
  item['parameters'] = [...target.params, ...shared.scope, PRETTY]
  return item
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
