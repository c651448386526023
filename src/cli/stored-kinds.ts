import type { StorageReader } from '../storage/storage.js'
import { BUILTIN_RESOURCES } from '../registry/builtin-resources.js'
import { CRD_STORAGE_RESOURCE, type CustomResourceDefinition } from '../registry/crd/crd-types.js'
import type { KindNames } from './resource-type.js'

/** The custom kinds a data dir's CRDs define, under the names they were accepted with. */
function customKinds(crd: CustomResourceDefinition): KindNames {
  const names = { ...crd.spec.names, ...crd.status?.acceptedNames }
  return {
    group: crd.spec.group,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    kind: names.kind,
    shortNames: names.shortNames ?? [],
    storageResource: `${crd.spec.group}/${names.plural}`,
    isNamespaced: crd.spec.scope === 'Namespaced',
  }
}

/** Every kind a data dir knows: the built-in ones, then those its stored CRDs define. */
export async function storedKinds(storage: StorageReader): Promise<KindNames[]> {
  const page = await storage.list({ resource: CRD_STORAGE_RESOURCE, limit: 100_000 })
  return [...BUILTIN_RESOURCES, ...page.objects.map((row) => customKinds(JSON.parse(row.json) as CustomResourceDefinition))]
}
