import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isVirtual, type ResourceDefinition } from '../resource-definition.js'
import { buildComponentSchemas } from './component-schemas.js'
import { TOKEN_REQUEST_SCHEMA, kindPaths, listSchemaName, SCALE_SCHEMA, type PathItem } from './kind-paths.js'
import { locateModelsPackage, type ModelsPackage } from './models-package.js'
import { deepFreeze } from './deep-freeze.js'
import { prebuiltKey, readPrebuiltSchemas, type PrebuiltSchemas } from './prebuilt-schemas.js'
import type { OpenApiSchema } from './property-schema.js'
import { schemaClosure } from './schema-closure.js'

/** What `/openapi/v3` and `/openapi/v3/<gv>` serve, plus the schemas for patching and validation. */
export interface OpenApiV3 {
  /** `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<H>"},…}}` */
  index(): object
  /** one group version's document, serialized once; `gvPath` is `api/v1` or `apis/apps/v1` */
  document(gvPath: string): OpenApiDocument | undefined
  /** every component schema of the served kinds by name (deep-frozen; the same object each call) */
  schemas(): Readonly<Record<string, OpenApiSchema>>
}

export interface OpenApiDocument {
  body: Buffer
  /** upper-case hex SHA-512 of `body`, as kube-apiserver puts in `?hash=` */
  hash: string
}

export interface OpenApiV3Options {
  /** `info.version` of every document; kube writes its git version there */
  kubernetesVersion?: string
  /** where the build left its prebuilt schemas (prebuilt-schemas.ts); by default beside this module, in dist/src */
  prebuiltDir?: string
}

const MODULE_DIR = path.dirname(fileURLToPath(import.meta.url))

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'
/** The OpenAPI path of a group version's document: `api/v1`, `apis/apps/v1`. */
export const groupVersionPath = (r: Pick<ResourceDefinition, 'group' | 'version'>) => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`)
/** Components the operations reference besides the kinds themselves. */
const META_KINDS = ['DeleteOptions', 'Patch', 'Status']

/**
 * Builds kube-apiserver's OpenAPI v3 for `resources` (built-in kinds, whose schemas come from the
 * kubernetes-models package). Nothing happens until the first call: reading the package takes a
 * few hundred milliseconds on a cold disk, which server start must not pay.
 */
export function buildOpenApiV3(resources: readonly ResourceDefinition[], options: OpenApiV3Options = {}): OpenApiV3 {
  let schemas: Readonly<Record<string, OpenApiSchema>> | undefined
  let published: Published | undefined
  // Validation needs the schemas alone (every create does, from the first one a fresh start
  // seeds); the documents are built when a client first asks for OpenAPI.
  const getSchemas = () => (schemas ??= buildSchemas(resources, options.prebuiltDir ?? MODULE_DIR))
  const getPublished = () => (published ??= publish(getSchemas(), resources, options.kubernetesVersion ?? 'v1.32.0'))
  return {
    index: () => getPublished().index,
    document: (gvPath) => getPublished().documents.get(gvPath),
    schemas: getSchemas,
  }
}

interface Published {
  documents: Map<string, OpenApiDocument>
  index: object
}

function buildSchemas(resources: readonly ResourceDefinition[], prebuiltDir: string): Readonly<Record<string, OpenApiSchema>> {
  const prebuilt = readPrebuiltSchemas(prebuiltDir, prebuiltKey(rootSchemaNames(resources)))
  if (prebuilt) return prebuilt
  const models = locateModelsPackage()
  return deepFreeze(buildComponentSchemas(models, rootFiles(models, resources)))
}

/** what the build writes for `resources`: their schemas, built, with what they were built from */
export function prebuiltSchemasOf(resources: readonly ResourceDefinition[]): PrebuiltSchemas {
  const models = locateModelsPackage()
  return { ...prebuiltKey(rootSchemaNames(resources)), schemas: buildComponentSchemas(models, rootFiles(models, resources)) }
}

function publish(schemas: Readonly<Record<string, OpenApiSchema>>, resources: readonly ResourceDefinition[], version: string): Published {
  const documents = new Map<string, OpenApiDocument>()
  for (const [gvPath, members] of groupByGroupVersion(resources)) {
    documents.set(gvPath, serialize(gvDocument(schemas, members, version)))
  }
  const paths = Object.fromEntries(
    [...documents].map(([gvPath, doc]) => [gvPath, { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${doc.hash}` }]),
  )
  return { documents, index: { paths } }
}

function rootFiles(models: ModelsPackage, resources: readonly ResourceDefinition[]): string[] {
  const files = resources.flatMap((r) => kindAndList(r).map((kind) => models.declarationOfKind({ ...r, kind })))
  if (resources.some((r) => r.subresources.scale !== undefined)) {
    files.push(models.declarationOfKind({ group: 'autoscaling', version: 'v1', kind: 'Scale' }))
  }
  if (resources.some((r) => r.subresources.token !== undefined)) {
    files.push(models.declarationOfKind({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }))
  }
  return [...files, ...META_KINDS.map((kind) => models.declarationOfMeta(kind))]
}

export function gvDocument(
  schemas: Readonly<Record<string, OpenApiSchema>>,
  members: readonly ResourceDefinition[],
  version: string,
): object {
  const paths: Record<string, PathItem> = Object.assign({}, ...members.map(kindPaths))
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version },
    paths,
    components: { schemas: schemaClosure(schemas, rootSchemaNames(members)) },
  }
}

/**
 * The schemas `resources` start from: each kind and its list, Scale and TokenRequest when a
 * subresource serves them, and what the operations reference. Names only, no package files: the
 * prebuilt file's key is checked at a fresh start, where finding ~120 files and naming them
 * again (~240 path operations) cost CPU and pushed node's path functions to be optimized.
 */
function rootSchemaNames(resources: readonly ResourceDefinition[]): string[] {
  const roots = resources.flatMap((r) => (isVirtual(r) ? [r.schemaName] : [r.schemaName, listSchemaName(r.schemaName, r.kind, r.listKind)]))
  if (resources.some((r) => r.subresources.scale !== undefined)) roots.push(SCALE_SCHEMA)
  if (resources.some((r) => r.subresources.token !== undefined)) roots.push(TOKEN_REQUEST_SCHEMA)
  return [...roots, ...META_KINDS.map((kind) => `${META}.${kind}`)]
}

/** a kind and its list; kinds that store nothing have no list (kube's access reviews) */
const kindAndList = (r: ResourceDefinition) => (isVirtual(r) ? [r.kind] : [r.kind, `${r.kind}List`])

export function groupByGroupVersion(resources: readonly ResourceDefinition[]): Map<string, ResourceDefinition[]> {
  const byPath = new Map<string, ResourceDefinition[]>()
  for (const r of resources) {
    const gvPath = groupVersionPath(r)
    byPath.set(gvPath, [...(byPath.get(gvPath) ?? []), r])
  }
  return byPath
}

export function serialize(document: object): OpenApiDocument {
  const body = Buffer.from(JSON.stringify(document))
  return { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() }
}
