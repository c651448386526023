import { readFileSync } from 'node:fs'
import path from 'node:path'
import { declarationSchema } from './declaration-schema.js'
import { camelName, type ModelsPackage } from './models-package.js'
import { probeNumber } from './number-format-probe.js'
import type { OpenApiSchema, PropertyContext } from './property-schema.js'
import { parseTypeDeclaration } from './type-declaration.js'

/**
 * Every schema reachable from `rootFiles` (kubernetes-models `.d.ts` files), keyed by kube's OpenAPI
 * name (`io.k8s.api.core.v1.PodSpec`): read breadth-first, each file once.
 */
export function buildComponentSchemas(
  models: ModelsPackage,
  rootFiles: readonly string[],
): Record<string, OpenApiSchema> {
  const schemas: Record<string, OpenApiSchema> = {}
  const queued = new Set(rootFiles)
  const queue = [...rootFiles]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const name = models.schemaNameOf(file)
    const declaration = parseTypeDeclaration(readFileSync(file, 'utf8'))
    const context: PropertyContext = {
      refName(typeName) {
        // A recursive type names itself without an import (apiextensions' JSONSchemaProps).
        if (!declaration.imports.has(typeName) && typeName === `I${path.basename(file!, '.d.ts')}`) return name
        const target = importedFile(models, file!, declaration.imports.get(typeName))
        const targetName = models.schemaNameOf(target)
        // The package names its types after kube's schema names; a mismatch means our mapping is wrong.
        if (`I${camelName(targetName)}` !== typeName) throw new Error(`${typeName} resolved to ${targetName}`)
        if (!queued.has(target)) {
          queued.add(target)
          queue.push(target)
        }
        return targetName
      },
      numberAt: (steps) => probeNumber(models.validatorOf(file!), steps),
    }
    schemas[name] = declarationSchema(name, declaration, context)
  }
  return schemas
}

function importedFile(models: ModelsPackage, fromFile: string, specifier: string | undefined): string {
  const target = specifier === undefined ? undefined : models.resolveImport(fromFile, specifier)
  if (target === undefined) throw new Error(`cannot resolve import ${specifier ?? '(none)'} of ${fromFile}`)
  return target
}
