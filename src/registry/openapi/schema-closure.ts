import { REF_PREFIX } from './schema-ref.js'
import type { OpenApiSchema } from './property-schema.js'


/**
 * The named schemas `roots` reach through `$ref`s, as one group version's document needs them: kube
 * publishes in each document exactly the components its paths use. Names keep a stable order.
 */
export function schemaClosure(
  schemas: Readonly<Record<string, OpenApiSchema>>,
  roots: readonly string[],
): Record<string, OpenApiSchema> {
  const reached = new Set<string>()
  const visit = (name: string) => {
    if (reached.has(name)) return
    const schema = schemas[name]
    if (schema === undefined) throw new Error(`no schema named ${name}`)
    reached.add(name)
    forEachRef(schema, visit)
  }
  roots.forEach(visit)
  return Object.fromEntries([...reached].sort().map((name) => [name, schemas[name]!]))
}

function forEachRef(node: unknown, visit: (name: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) forEachRef(item, visit)
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const isRef = key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)
      if (isRef) visit(value.slice(REF_PREFIX.length))
      else forEachRef(value, visit)
    }
  }
}
