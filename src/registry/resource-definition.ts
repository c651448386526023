import type { Printer } from './printers/printer.js'
import type { Strategy } from './strategy.js'
import type { VersionConversion } from './version-conversion.js'

/** The verbs kube-apiserver's discovery lists for a resource (endpoints/installer.go). */
export type ResourceVerb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch'

export const ALL_RESOURCE_VERBS: readonly ResourceVerb[] = Object.freeze(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'])

/**
 * Where a kind keeps what the scale subresource reads and writes, as CRDs declare it
 * (apiextensions CustomResourceSubresourceScale); built-in workloads use the same paths.
 */
export interface ScaleSubresource {
  /** JSON path of the desired replicas, `.spec.replicas` */
  specReplicasPath: string
  /** JSON path of the observed replicas, `.status.replicas` */
  statusReplicasPath: string
  /** JSON path of the label selector string or LabelSelector, when the kind has one */
  labelSelectorPath?: string
}

export interface Subresources {
  status?: true
  scale?: ScaleSubresource
  /** a ServiceAccount's `token`: create a TokenRequest (authentication.k8s.io/v1) for it */
  token?: true
}

/** A kind nothing stores: a create is answered with what this makes of the request (SelfSubjectReview). */

/**
 * Everything the server knows about one served resource type. Built-in kinds are data in
 * builtin-resources.ts; a CustomResourceDefinition adds one at run time. Routing, discovery,
 * OpenAPI, validation, patch, Table printing, watch and history all read it, and nothing else.
 */
export interface ResourceDefinition {
  /** API group; '' for the core group */
  group: string
  version: string
  kind: string
  /** `PodList` */
  listKind: string
  /** URL segment: `pods`, `deployments` */
  plural: string
  singular: string
  /** the key objects are stored under: `pods`, `apps/deployments` (group-qualified, version-free) */
  storageResource: string
  isNamespaced: boolean
  shortNames: readonly string[]
  categories: readonly string[]
  /** the verbs the resource serves, as discovery lists them */
  verbs: readonly ResourceVerb[]
  subresources: Subresources
  /** field selectors supported beyond metadata.name and metadata.namespace */
  fieldSelectors: readonly string[]
  /** name of the kind's schema in the schema catalog, e.g. io.k8s.api.core.v1.Pod */
  schemaName: string
  /** built-in kinds take strategic merge patch; custom resources do not (kube answers 415) */
  acceptsStrategicMergePatch: boolean
  /** true for kinds a CustomResourceDefinition serves */
  isCustom: boolean
  /** what the kind does differently from the generic store */
  strategy: Strategy
  /** how it prints as Table rows */
  printer: Printer
  /** how this version's objects differ from their stored form; absent when they are served as stored */
  conversion?: VersionConversion
  /**
   * OpenAPI component schemas the kind brings itself (custom kinds: its own and its list's, by
   * name); built-in kinds take theirs from the schema catalog
   */
  openApiSchemas?: Readonly<Record<string, Record<string, unknown>>>
  /** the version objects are stored in, when it is not this one (discovery's storageVersionHash) */
  storageVersion?: string
  /** the group objects are stored in, when it is not this one (events.k8s.io events are core events) */
  storageGroup?: string
}

export type SubresourceName = keyof Subresources

/** A kind that stores nothing: its creates are answered (kube's virtual resources, the access reviews). */
export const isVirtual = (d: Pick<ResourceDefinition, 'strategy'>) => d.strategy.answerCreate !== undefined

export const subresourceNames = (d: Pick<ResourceDefinition, 'subresources'>): SubresourceName[] =>
  (['status', 'scale', 'token'] as const).filter((s) => d.subresources[s] !== undefined)

/** The verbs a subresource serves (kube-apiserver's routes): status and scale get, update and patch; token creates. */
export const subresourceVerbs = (sub: SubresourceName): readonly ResourceVerb[] => (sub === 'token' ? ['create'] : ['get', 'patch', 'update'])

/** The kind a subresource answers with: Scale from autoscaling/v1, TokenRequest from authentication.k8s.io/v1, status the kind itself. */
export function subresourceKind(d: Pick<ResourceDefinition, 'group' | 'version' | 'kind'>, sub: SubresourceName): { group: string; version: string; kind: string } {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' }
  if (sub === 'token') return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }
  return { group: d.group, version: d.version, kind: d.kind }
}

export const apiVersionOf = (d: Pick<ResourceDefinition, 'group' | 'version'>) =>
  d.group ? `${d.group}/${d.version}` : d.version

/** `pods` or `deployments.apps`: how kube-apiserver names a resource in messages. */
export const qualifiedName = (d: Pick<ResourceDefinition, 'group' | 'plural'>) =>
  d.group ? `${d.plural}.${d.group}` : d.plural

/** The storage key of a resource type: `pods`, `apps/deployments`. */
export const storageResourceOf = (d: Pick<ResourceDefinition, 'group' | 'plural'>) =>
  d.group ? `${d.group}/${d.plural}` : d.plural
