import { isDeepStrictEqual } from 'node:util'
import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { Shape } from '../validation/schema-shape.js'
import type { VersionConversion } from '../version-conversion.js'
import type { JsonSchemaProps } from './crd-types.js'
import { dropUnknownMetadata } from './resource-metadata.js'
import { applySchemaDefaults, pruneNonNullableNulls } from './schema/defaulting.js'
import { pruneUnknownFields } from './schema/pruning.js'

export interface CustomResourceConversionOptions {
  group: string
  /** the served version */
  version: string
  storageVersion: string
  servedSchema: JsonSchemaProps | undefined
  storageSchema: JsonSchemaProps | undefined
  /**
   * the revision the storage version's current schema took effect at: objects stored after it were
   * pruned and defaulted by it on their way in, so reading them changes nothing
   */
  schemaRevision: Revision
  objectMeta: () => Shape
}

/**
 * `None` conversion between a custom resource's versions, with the pruning and defaulting kube's
 * storage codec does on every read (k8s: apiextensions-apiserver pkg/apiserver/customresource_handler.go
 * crdConversionRESTOptionsGetter: decode, prune and default in the storage version, convert, prune
 * in the served version; on the way in, convert and prune in the storage version;
 * pkg/apiserver/conversion/nop_converter.go sets only apiVersion).
 */
export function customResourceConversion(o: CustomResourceConversionOptions): VersionConversion {
  const isStorage = o.version === o.storageVersion
  const schemasDiffer = !isDeepStrictEqual(o.servedSchema, o.storageSchema)
  const coerce = (object: KubeObject, schema: JsonSchemaProps | undefined) => {
    pruneUnknownFields(object, schema)
    dropUnknownMetadata(object, schema, o.objectMeta())
  }
  return {
    altersStoredAt: (revision) => !isStorage || revision <= o.schemaRevision,
    toServed(stored) {
      if (Number(stored.metadata.resourceVersion ?? 0) <= o.schemaRevision) {
        coerce(stored, o.storageSchema)
        pruneNonNullableNulls(stored, o.storageSchema)
        applySchemaDefaults(stored, o.storageSchema)
      }
      if (isStorage) return stored
      stored.apiVersion = `${o.group}/${o.version}`
      if (schemasDiffer) coerce(stored, o.servedSchema)
      return stored
    },
    toStored(served) {
      if (isStorage) return served
      served.apiVersion = `${o.group}/${o.storageVersion}`
      if (schemasDiffer) coerce(served, o.storageSchema)
      return served
    },
  }
}
