import { parseTsType, type TsType } from './ts-type.js'

/** One generated kubernetes-models `.d.ts` file, reduced to what an OpenAPI schema needs. */
export interface TypeDeclaration {
  description?: string
  /** set for `export declare type IX = …` files (Time, Quantity, IntOrString) */
  alias?: TsType
  /** set for `export interface IX { … }` files; empty for open objects such as FieldsV1 */
  properties?: readonly PropertyDeclaration[]
  /** imported type name → module specifier, e.g. `IIoK8sApiCoreV1EnvVar` → `./EnvVar` */
  imports: ReadonlyMap<string, string>
}

export interface PropertyDeclaration {
  name: string
  description?: string
  isOptional: boolean
  type: TsType
}

const IMPORT = /^import \{ ([^}]+) \} from "([^"]+)";$/gm
const ALIAS = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export declare type I\w+ = ([^;]+);/
const INTERFACE = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export interface I\w+(?: extends [\w, ]+)? \{([\s\S]*?)\n\}/
// A member: its JSDoc (optional), then `"name"?: type;` where the type may span lines (maps).
const MEMBER = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?"([^"]+)"(\??): ([^;]*(?:;\s*\})?);/g

/**
 * Parses the text of one generated declaration file. The format is machine-written and regular, so
 * a few expressions read it in well under a millisecond, with no TypeScript compiler at run time.
 */
export function parseTypeDeclaration(text: string): TypeDeclaration {
  const imports = new Map<string, string>()
  for (const [, names, from] of text.matchAll(IMPORT)) {
    for (const name of names!.split(',')) imports.set(name.trim(), from!)
  }
  const iface = INTERFACE.exec(text)
  if (iface) {
    const properties = [...iface[2]!.matchAll(MEMBER)].map(([, doc, name, optional, type]) => ({
      name: name!,
      ...describe(doc),
      isOptional: optional === '?',
      type: parseTsType(type!),
    }))
    return { ...describe(iface[1]), properties, imports }
  }
  const alias = ALIAS.exec(text)
  if (alias) return { ...describe(alias[1]), alias: parseTsType(alias[2]!), imports }
  return { imports }
}

/** JSDoc body → the upstream description: drop the ` * ` margins, keep blank lines as paragraph breaks. */
function describe(doc: string | undefined): { description?: string } {
  if (doc === undefined) return {}
  const description = doc
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim()
    .replaceAll('*\\/', '*/')
  return description ? { description } : {}
}
