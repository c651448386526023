/** What the server knows about one served resource type; discovery, OpenAPI and routing read it. */
export interface ResourceDefinition {
  /** API group; '' for the core group */
  group: string
  version: string
  kind: string
  /** URL segment and storage key: `pods`, `deployments` */
  plural: string
  singular: string
  isNamespaced: boolean
  shortNames: readonly string[]
  categories: readonly string[]
  /** subresources served besides the main resource */
  subresources: readonly ('status' | 'scale')[]
  /** field selectors supported beyond metadata.name and metadata.namespace */
  fieldSelectors: readonly string[]
  /** path of the list kind's JSON Schema component, e.g. io.k8s.api.core.v1.Pod */
  schemaName: string
}

export const apiVersionOf = (d: Pick<ResourceDefinition, 'group' | 'version'>) =>
  d.group ? `${d.group}/${d.version}` : d.version

/** `pods` or `deployments.apps`: how kube-apiserver names a resource in messages. */
export const qualifiedName = (d: Pick<ResourceDefinition, 'group' | 'plural'>) =>
  d.group ? `${d.plural}.${d.group}` : d.plural
