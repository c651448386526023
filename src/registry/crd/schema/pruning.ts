import { isJsonObject } from '../../../api/json-object.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { additionalOf, appendIndex, appendKey, asResourceRoot, isEmbedded, itemsOf, META_FIELDS, preservesUnknown, propertyOf } from './structural.js'

/**
 * Removes the fields a structural schema does not specify, except under
 * `x-kubernetes-preserve-unknown-fields` and the apiVersion/kind/metadata of the root and of
 * embedded resources (k8s: apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go).
 * Returns the removed fields' paths, sorted, as strict field validation reports them; with
 * `isDryRun` it only finds them.
 */
export function pruneUnknownFields(object: unknown, schema: JsonSchemaProps | undefined, options: PruneOptions = {}): string[] {
  const paths: string[] = []
  const root = options.isResourceRoot === false ? schema : asResourceRoot(schema)
  prune(object, root, { path: '', paths, isDryRun: options.isDryRun === true })
  return paths.sort()
}

export interface PruneOptions {
  /** only find what would be removed */
  isDryRun?: boolean
  /** the value is a whole resource (the default): its apiVersion, kind and metadata stay */
  isResourceRoot?: boolean
}

interface Walk {
  path: string
  paths: string[]
  isDryRun: boolean
}

function prune(x: unknown, s: JsonSchemaProps | undefined, w: Walk): void {
  if (s && preservesUnknown(s)) return skipPrune(x, s, w)
  if (Array.isArray(x)) {
    x.forEach((v, i) => prune(v, s ? itemsOf(s) : undefined, { ...w, path: appendIndex(w.path, i) }))
    return
  }
  if (!isJsonObject(x)) return
  for (const k of Object.keys(x)) {
    if (s && isEmbedded(s) && META_FIELDS.has(k)) continue
    const property = propertyOf(s, k)
    const additional = additionalOf(s)
    if (s && property) prune(x[k], property, { ...w, path: appendKey(w.path, k) })
    else if (s && additional) prune(x[k], additional.schema, { ...w, path: appendKey(w.path, k) })
    else {
      if (!META_FIELDS.has(k) || w.path !== '') w.paths.push(appendKey(w.path, k))
      if (!w.isDryRun) delete x[k]
    }
  }
}

function skipPrune(x: unknown, s: JsonSchemaProps, w: Walk): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => skipPrune(v, itemsOf(s) ?? {}, { ...w, path: appendIndex(w.path, i) }))
    return
  }
  if (!isJsonObject(x)) return
  for (const k of Object.keys(x)) {
    if (isEmbedded(s) && META_FIELDS.has(k)) continue
    const property = propertyOf(s, k)
    const additional = additionalOf(s)
    if (property) prune(x[k], property, { ...w, path: appendKey(w.path, k) })
    else if (additional) prune(x[k], additional.schema, { ...w, path: appendKey(w.path, k) })
  }
}
