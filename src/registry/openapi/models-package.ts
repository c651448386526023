import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the npm package kubernetes-models (and its @kubernetes-models/apimachinery) keeps each
 * Kubernetes type, named the way kube's OpenAPI names it. The package ships per type a `.d.ts`
 * (properties, descriptions, required, enums) and a compiled validator (`_schemas/<Camel>.js`).
 */
export interface ModelsPackage {
  /** `.d.ts` of a served kind, e.g. apps/v1/Deployment.d.ts for group `apps` */
  declarationOfKind(kind: { group: string; version: string; kind: string }): string
  /** `.d.ts` of an apimachinery meta/v1 type: DeleteOptions, Status, Patch */
  declarationOfMeta(kind: string): string
  /** resolves an import of one `.d.ts` file to the imported `.d.ts` file; undefined for non-model imports */
  resolveImport(fromFile: string, specifier: string): string | undefined
  /** the OpenAPI schema name of a `.d.ts` file: `io.k8s.api.apps.v1.Deployment` */
  schemaNameOf(declarationFile: string): string
  /** the compiled validator module of a `.d.ts` file */
  validatorOf(declarationFile: string): string
}

const APIMACHINERY = '@kubernetes-models/apimachinery'

export function locateModelsPackage(): ModelsPackage {
  const require = createRequire(import.meta.url)
  const modelsDir = path.dirname(require.resolve('kubernetes-models/package.json'))
  // Resolved from kubernetes-models itself, so a nested copy of its dependency is the one found.
  const fromModels = createRequire(path.join(modelsDir, 'package.json'))
  const machineryDir = path.dirname(fromModels.resolve(`${APIMACHINERY}/package.json`))
  const packageOf = (file: string) => (isInside(machineryDir, file) ? machineryDir : modelsDir)
  const schemaNameOf = (file: string) => {
    const dir = packageOf(file)
    const segments = path.relative(dir, file).replace(/\.d\.ts$/, '').split(path.sep)
    return dir === machineryDir ? ['io.k8s.apimachinery.pkg', ...segments].join('.') : apiSchemaName(segments)
  }
  return {
    declarationOfKind: ({ group, version, kind }) =>
      path.join(modelsDir, group ? `${group}/${version}` : version, `${kind}.d.ts`),
    declarationOfMeta: (kind) => path.join(machineryDir, 'apis/meta/v1', `${kind}.d.ts`),
    resolveImport(fromFile, specifier) {
      if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), `${specifier}.d.ts`)
      if (specifier.startsWith(`${APIMACHINERY}/`)) {
        return path.join(machineryDir, `${specifier.slice(APIMACHINERY.length + 1)}.d.ts`)
      }
      return undefined
    },
    schemaNameOf,
    validatorOf: (file) => path.join(packageOf(file), '_schemas', `${camelName(schemaNameOf(file))}.js`),
  }
}

/**
 * kubernetes-models' version, which fixes every schema read from it. Found by the ESM resolver
 * alone: a fresh start asks it (prebuilt-schemas.ts), and locating both packages the CommonJS way
 * was the path work that tipped node's path functions into being optimized (TurboFan's code paged
 * in, ~4 MB of RSS).
 */
export function modelsPackageVersion(): string {
  const manifest = fileURLToPath(import.meta.resolve('kubernetes-models/package.json'))
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/**
 * `apps/v1/Deployment` → io.k8s.api.apps.v1.Deployment; `v1/Pod` → io.k8s.api.core.v1.Pod;
 * `coordination.k8s.io/v1/Lease` → io.k8s.api.coordination.v1.Lease (kube names Go packages by the
 * first label of the group); apiextensions lives in its own module:
 * io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition.
 */
function apiSchemaName(segments: string[]): string {
  if (segments.length === 2) return `io.k8s.api.core.${segments.join('.')}`
  const [group, ...rest] = segments
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${rest.join('.')}`
  return `io.k8s.api.${group!.split('.')[0]}.${rest.join('.')}`
}

/**
 * `io.k8s.api.core.v1.Pod` → `IoK8sApiCoreV1Pod`, the name kubernetes-models gives files and types
 * (`apiextensions-apiserver` → `ApiextensionsApiserver`).
 */
export function camelName(schemaName: string): string {
  return schemaName
    .split(/[.-]/)
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('')
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file)
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}
