import type { StatusCause } from '../../../api/types.js'
import { compileNodeRules, type CompiledRule } from './compile-node-rules.js'
import { schemaDeclType } from './decl-type.js'
import { escapeProperty } from './property-escaping.js'
import { withTypeAndObjectMeta, type SchemaNode } from './schema-node.js'

/** The schema nodes that hold rules, or lead to nodes that do, with their compiled rules. */
export interface RuleNode {
  /** the node's schema as values are read under it (root and embedded resources see their metadata) */
  readonly schema: SchemaNode
  readonly rules: readonly CompiledRule[]
  readonly properties?: ReadonlyMap<string, RuleNode>
  readonly additionalProperties?: RuleNode
  readonly items?: RuleNode
}

interface TreeContext {
  readonly schemaPath: string
  /** the CEL type name of the node (kube names them selfType….field) */
  readonly typeName: string
  readonly isResourceRoot: boolean
  readonly uncorrelatablePath?: string
  /** where compile errors are collected */
  readonly causes: StatusCause[]
}

/**
 * Compiles every rule of a schema into a tree that mirrors the schema's structural spine
 * (schema/cel/validation.go NewValidator); undefined when no node below has rules.
 */
export function buildRuleTree(node: SchemaNode, context: TreeContext): RuleNode | undefined {
  const schema = context.isResourceRoot ? withTypeAndObjectMeta(node) : node
  const selfType = schemaDeclType(node, context.isResourceRoot, context.typeName)
  const compiled = node.rules.length > 0
    ? compileNodeRules({ node, schemaPath: context.schemaPath, selfType, ...uncorrelatable(context) })
    : { rules: [], causes: [] }
  context.causes.push(...compiled.causes)
  const properties = propertyNodes(node, context)
  const additionalProperties = node.additionalProperties && buildRuleTree(node.additionalProperties, {
    ...context,
    schemaPath: `${context.schemaPath}.additionalProperties`,
    typeName: `${context.typeName}.@elem`,
    isResourceRoot: node.additionalProperties.isEmbeddedResource,
  })
  const items = node.items && buildRuleTree(node.items, {
    ...context,
    schemaPath: `${context.schemaPath}.items`,
    typeName: `${context.typeName}.@idx`,
    isResourceRoot: node.items.isEmbeddedResource,
    // only map-list items correlate with their old values (validation.go withForbidOldSelfValidations)
    uncorrelatablePath: context.uncorrelatablePath ?? (node.listType === 'map' ? undefined : context.schemaPath),
  })
  if (compiled.rules.length === 0 && !properties && !additionalProperties && !items) return undefined
  return { schema, rules: compiled.rules, ...(properties ? { properties } : {}), ...(additionalProperties ? { additionalProperties } : {}), ...(items ? { items } : {}) }
}

function uncorrelatable(context: TreeContext): { uncorrelatablePath?: string } {
  return context.uncorrelatablePath === undefined ? {} : { uncorrelatablePath: context.uncorrelatablePath }
}

function propertyNodes(node: SchemaNode, context: TreeContext): Map<string, RuleNode> | undefined {
  const nodes = new Map<string, RuleNode>()
  for (const [name, property] of node.properties ?? []) {
    const child = buildRuleTree(property, {
      ...context,
      schemaPath: `${context.schemaPath}.properties[${name}]`,
      typeName: `${context.typeName}.${escapeProperty(name) ?? name}`,
      isResourceRoot: property.isEmbeddedResource,
    })
    if (child) nodes.set(name, child)
  }
  return nodes.size > 0 ? nodes : undefined
}
