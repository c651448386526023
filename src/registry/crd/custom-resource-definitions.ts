import type { Revision } from '../../api/resource-version.js'
import { ALL_RESOURCE_VERBS, type ResourceDefinition, type Subresources } from '../resource-definition.js'
import type { Shape } from '../validation/schema-shape.js'
import type { CustomResourceDefinition, CustomResourceDefinitionNames, CustomResourceDefinitionVersion } from './crd-types.js'
import { storageVersionOf } from './crd-types.js'
import { customResourceConversion } from './custom-resource-conversion.js'
import { customResourceSchemas, customSchemaName } from './custom-resource-openapi.js'
import { customResourcePrinter } from './custom-resource-printer.js'
import { customResourceStrategy } from './custom-resource-strategy.js'

/** What building a CRD's definitions needs besides the CRD. */
export interface CustomResourceContext {
  /** the names the CRD holds (its accepted names, computed when it is installed) */
  names: Required<Pick<CustomResourceDefinitionNames, 'plural' | 'singular' | 'kind' | 'listKind'>> & Pick<CustomResourceDefinitionNames, 'shortNames' | 'categories'>
  /** the revision its current schemas took effect at (see custom-resource-conversion.ts) */
  schemaRevision: Revision
  objectMeta: () => Shape
  /** the CRD is being deleted: its kind takes no new objects */
  isTerminating?: boolean
}

function subresourcesOf(version: CustomResourceDefinitionVersion): Subresources {
  const { status, scale } = version.subresources ?? {}
  return {
    ...(status ? { status: true as const } : {}),
    ...(scale
      ? { scale: { specReplicasPath: scale.specReplicasPath, statusReplicasPath: scale.statusReplicasPath, ...(scale.labelSelectorPath ? { labelSelectorPath: scale.labelSelectorPath } : {}) } }
      : {}),
  }
}

/**
 * The served versions of a CRD as resource definitions, one per served version, sharing one storage
 * resource (`stable.example.com/crontabs`); every feature serves them as it serves built-in kinds
 * (k8s: apiextensions-apiserver pkg/apiserver/customresource_handler.go getOrCreateServingInfoFor).
 */
export function definitionsOfCrd(crd: CustomResourceDefinition, ctx: CustomResourceContext): ResourceDefinition[] {
  const { group } = crd.spec
  const storageVersion = storageVersionOf(crd.spec) ?? crd.spec.versions[0]!.name
  const storageSchema = crd.spec.versions.find((v) => v.name === storageVersion)?.schema?.openAPIV3Schema
  return crd.spec.versions.filter((v) => v.served).map((v) => {
    const schema = v.schema?.openAPIV3Schema
    const subresources = subresourcesOf(v)
    const { names } = ctx
    return Object.freeze({
      group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind,
      plural: names.plural,
      singular: names.singular,
      storageResource: `${group}/${names.plural}`,
      isNamespaced: crd.spec.scope === 'Namespaced',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      verbs: ALL_RESOURCE_VERBS,
      subresources,
      fieldSelectors: (v.selectableFields ?? []).map((f) => f.jsonPath.replace(/^\./, '')),
      schemaName: customSchemaName(group, v.name, names.kind),
      acceptsStrategicMergePatch: false,
      isCustom: true,
      strategy: customResourceStrategy({ kind: names.kind, version: v.name, schema, subresources, objectMeta: ctx.objectMeta, isTerminating: ctx.isTerminating === true }),
      printer: customResourcePrinter(v.additionalPrinterColumns),
      conversion: customResourceConversion({
        group, version: v.name, storageVersion, servedSchema: schema, storageSchema, schemaRevision: ctx.schemaRevision, objectMeta: ctx.objectMeta,
      }),
      openApiSchemas: customResourceSchemas({ group, version: v.name, kind: names.kind, listKind: names.listKind, plural: names.plural }, schema),
      storageVersion,
    })
  })
}
