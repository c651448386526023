/**
 * The parameters kube-apiserver documents on each operation (descriptions shortened). kubectl reads
 * one of them: it lets the server validate fields (sends `fieldValidation=Strict`) only when the
 * kind's patch operation lists `fieldValidation` (k8s: staging/src/k8s.io/cli-runtime/pkg/resource/
 * query_param_verifier_v3.go), else it validates client-side through OpenAPI v2.
 */
export type Parameter = Readonly<Record<string, unknown>>

const query = (name: string, type: string, description: string): Parameter => ({
  description,
  in: 'query',
  name,
  schema: { type, uniqueItems: true },
})

const path = (name: string, description: string): Parameter => ({
  description,
  in: 'path',
  name,
  required: true,
  schema: { type: 'string', uniqueItems: true },
})

export const NAME = path('name', 'name of the object')
export const NAMESPACE = path('namespace', 'object name and auth scope, such as for teams and projects')
export const PRETTY = query('pretty', 'string', "If 'true', then the output is pretty printed.")

const DRY_RUN = query('dryRun', 'string', 'When present, indicates that modifications should not be persisted.')
const FIELD_MANAGER = query('fieldManager', 'string', 'a name associated with the actor making these changes')
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'how the server handles unknown or duplicate fields in the request body: Ignore, Warn (default) or Strict',
)
const FORCE = query('force', 'boolean', 'Force re-acquires conflicting fields for Apply requests; unset it otherwise.')

const LIST = [
  query('allowWatchBookmarks', 'boolean', 'requests watch events with type "BOOKMARK"'),
  query('continue', 'string', 'continues a list from where a previous page ended'),
  query('fieldSelector', 'string', 'restricts the list of returned objects by their fields'),
  query('labelSelector', 'string', 'restricts the list of returned objects by their labels'),
  query('limit', 'integer', 'the maximum number of objects to return for a list call'),
  query('resourceVersion', 'string', 'a constraint on what resource versions a request may be served from'),
  query('resourceVersionMatch', 'string', 'how resourceVersion is applied to list calls'),
  query('sendInitialEvents', 'boolean', 'with watch=true, starts the watch with the current objects'),
  query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  query('watch', 'boolean', 'Watch for changes to the described resources.'),
]

const DELETE = [
  DRY_RUN,
  query('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted.'),
  query('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy.'),
  query('propagationPolicy', 'string', 'Whether and how garbage collection will be performed.'),
]

/** Query parameters per kube action, as x-kubernetes-action names them. */
export const QUERY_PARAMETERS: Readonly<Record<string, readonly Parameter[]>> = {
  get: [],
  list: LIST,
  post: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
  put: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
  patch: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE],
  delete: DELETE,
  deletecollection: [...DELETE, ...LIST.filter((p) => !['watch', 'allowWatchBookmarks'].includes(p['name'] as string))],
}
