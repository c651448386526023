import type { ResourceDefinition } from '../resource-definition.js'
import type { RequestScope } from '../request-scope.js'

/** How the server's own controllers write: under their field manager, unvalidated, never a dry run. */
export function systemScope(definition: ResourceDefinition, namespace: string, fieldManager: string): RequestScope {
  return { definition, namespace, isDryRun: false, fieldValidation: 'Ignore', fieldManager, warnings: [] }
}
