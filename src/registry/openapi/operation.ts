import { componentRef } from './schema-ref.js'
import { QUERY_PARAMETERS } from './query-parameters.js'

/** kube's x-kubernetes-action values for the operations watchplane serves. */
export type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection'

export interface GroupVersionKind {
  group: string
  version: string
  kind: string
}

export interface OperationSpec {
  action: Action
  /** kube's form: `patchAppsV1NamespacedDeployment`, `listCoreV1PodForAllNamespaces` */
  operationId: string
  /** the kind the operation reads or writes; kubectl matches patch operations by it */
  gvk: GroupVersionKind
  /** component schema of the request body (post, put) and of the 2xx response */
  schema: string
  /** `core_v1`, `apps_v1`: kube groups operations by group version */
  tag: string
  /** custom resources take no strategic merge patch, and their OpenAPI must not offer it (kubectl would send it) */
  acceptsStrategicMergePatch?: boolean
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'

/**
 * The patch types a built-in kind accepts. Listing strategic-merge-patch makes kubectl's client-side
 * apply send SMP computed from these schemas (k8s: staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go);
 * a custom kind must not list it.
 */
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]
/** A custom resource's (k8s: apiextensions-apiserver pkg/controller/openapi/builder/builder.go buildRoute). */
const CUSTOM_PATCH_TYPES = PATCH_TYPES.filter((t) => t !== 'application/strategic-merge-patch+json')

const content = (types: readonly string[], schema: string) =>
  Object.fromEntries(types.map((type) => [type, { schema: { $ref: componentRef(schema) } }]))

const response = (schema: string, description: string) => ({
  description,
  content: content(['application/json'], schema),
})

/** One OpenAPI operation object in the shape kube-apiserver serves it. */
export function operation(spec: OperationSpec): Record<string, unknown> {
  return {
    description: `${spec.action} ${spec.gvk.kind}`,
    operationId: spec.operationId,
    parameters: QUERY_PARAMETERS[spec.action],
    ...requestBody(spec),
    responses: responses(spec),
    tags: [spec.tag],
    'x-kubernetes-action': spec.action,
    'x-kubernetes-group-version-kind': { group: spec.gvk.group, kind: spec.gvk.kind, version: spec.gvk.version },
  }
}

function requestBody(spec: OperationSpec): Record<string, unknown> {
  switch (spec.action) {
    case 'post':
    case 'put':
      return { requestBody: { content: content(['application/json'], spec.schema), required: true } }
    case 'patch':
      return { requestBody: { content: content(spec.acceptsStrategicMergePatch === false ? CUSTOM_PATCH_TYPES : PATCH_TYPES, `${META}.Patch`), required: true } }
    case 'delete':
    case 'deletecollection':
      return { requestBody: { content: content(['application/json'], `${META}.DeleteOptions`) } }
    default:
      return {}
  }
}

function responses(spec: OperationSpec): Record<string, unknown> {
  switch (spec.action) {
    case 'get':
    case 'list':
      return { '200': response(spec.schema, 'OK') }
    case 'post':
      return {
        '200': response(spec.schema, 'OK'),
        '201': response(spec.schema, 'Created'),
        '202': response(spec.schema, 'Accepted'),
      }
    case 'put':
    case 'patch':
      return { '200': response(spec.schema, 'OK'), '201': response(spec.schema, 'Created') }
    case 'delete':
      return { '200': response(`${META}.Status`, 'OK'), '202': response(`${META}.Status`, 'Accepted') }
    case 'deletecollection':
      return { '200': response(`${META}.Status`, 'OK') }
  }
}
