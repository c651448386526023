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

const DRY_RUN = query('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed')
const FIELD_MANAGER = query('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.')
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
)
const FORCE = query('force', 'boolean', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.')

const LIST = [
  query('allowWatchBookmarks', 'boolean', 'allowWatchBookmarks requests watch events with type "BOOKMARK".'),
  query('continue', 'string', 'The continue option should be set when retrieving more results from the server.'),
  query('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  query('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  query('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  query('resourceVersion', 'string', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  query('resourceVersionMatch', 'string', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  query('sendInitialEvents', 'boolean', '`sendInitialEvents=true` may be set together with `watch=true`.'),
  query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  query('watch', 'boolean', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.'),
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
  deletecollection: [...DELETE, ...LIST.filter((p) => p['name'] !== 'watch' && p['name'] !== 'allowWatchBookmarks')],
}
