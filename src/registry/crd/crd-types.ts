import type { KubeObject } from '../../api/types.js'

// apiextensions.k8s.io/v1 as JSON, the fields the server reads (k8s: staging/src/k8s.io/
// apiextensions-apiserver/pkg/apis/apiextensions/v1/types.go and types_jsonschema.go).

/** One node of a CRD's OpenAPI v3 schema, as stored: `properties`, `items`, `x-kubernetes-*`… */
export interface JsonSchemaProps {
  type?: string
  format?: string
  description?: string
  nullable?: boolean
  default?: unknown
  enum?: unknown[]
  properties?: Record<string, JsonSchemaProps>
  /** a schema, or `true`/`false` (JSONSchemaPropsOrBool) */
  additionalProperties?: JsonSchemaProps | boolean
  /** a schema (an array of schemas is refused by validation) */
  items?: JsonSchemaProps | JsonSchemaProps[]
  required?: string[]
  allOf?: JsonSchemaProps[]
  anyOf?: JsonSchemaProps[]
  oneOf?: JsonSchemaProps[]
  not?: JsonSchemaProps
  'x-kubernetes-preserve-unknown-fields'?: boolean
  'x-kubernetes-embedded-resource'?: boolean
  'x-kubernetes-int-or-string'?: boolean
  'x-kubernetes-list-type'?: string
  'x-kubernetes-list-map-keys'?: string[]
  'x-kubernetes-map-type'?: string
  'x-kubernetes-validations'?: unknown[]
  [keyword: string]: unknown
}

export interface CustomResourceColumnDefinition {
  name: string
  type: string
  format?: string
  description?: string
  priority?: number
  jsonPath: string
}

export interface CustomResourceSubresourceScale {
  specReplicasPath: string
  statusReplicasPath: string
  labelSelectorPath?: string
}

export interface CustomResourceSubresources {
  status?: Record<string, never>
  scale?: CustomResourceSubresourceScale
}

export interface CustomResourceDefinitionVersion {
  name: string
  served: boolean
  storage: boolean
  deprecated?: boolean
  deprecationWarning?: string
  schema?: { openAPIV3Schema?: JsonSchemaProps }
  subresources?: CustomResourceSubresources
  additionalPrinterColumns?: CustomResourceColumnDefinition[]
  selectableFields?: { jsonPath: string }[]
}

export interface CustomResourceDefinitionNames {
  plural: string
  singular?: string
  shortNames?: string[]
  kind: string
  listKind?: string
  categories?: string[]
}

export interface CustomResourceDefinitionSpec {
  group: string
  names: CustomResourceDefinitionNames
  scope: 'Namespaced' | 'Cluster' | string
  versions: CustomResourceDefinitionVersion[]
  conversion?: { strategy: string; webhook?: unknown }
  preserveUnknownFields?: boolean
}

export interface CustomResourceDefinitionCondition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  lastTransitionTime?: string
  reason?: string
  message?: string
}

export interface CustomResourceDefinitionStatus {
  conditions?: CustomResourceDefinitionCondition[]
  acceptedNames?: CustomResourceDefinitionNames
  storedVersions?: string[]
}

export interface CustomResourceDefinition extends KubeObject {
  spec: CustomResourceDefinitionSpec
  status?: CustomResourceDefinitionStatus
}

export const CRD_GROUP = 'apiextensions.k8s.io'
/** The storage key of CRDs themselves. */
export const CRD_STORAGE_RESOURCE = `${CRD_GROUP}/customresourcedefinitions`
/** kube's finalizer on a deleting CRD until its objects are gone (apis/apiextensions/v1 types.go). */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io'

/** The version objects are stored in: the one marked `storage`. */
export const storageVersionOf = (spec: CustomResourceDefinitionSpec): string | undefined =>
  spec.versions?.find((v) => v.storage)?.name

export const conditionOf = (crd: CustomResourceDefinition, type: string) =>
  crd.status?.conditions?.find((c) => c.type === type)

export const isConditionTrue = (crd: CustomResourceDefinition, type: string) => conditionOf(crd, type)?.status === 'True'
