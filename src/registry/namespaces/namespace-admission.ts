import { forbidden, notFound } from '../../api/errors.js'
import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'

const NAMESPACES = { group: '', resource: 'namespaces' }

/** Namespaced creates need an existing, non-terminating namespace (k8s NamespaceLifecycle admission). */
export function checkNamespaceAcceptsCreate(ctx: StoreContext, scope: RequestScope, name: string): void {
  if (!scope.definition.isNamespaced) return
  const phase = ctx.namespaces.phaseOf(scope.namespace)
  if (!phase) throw notFound(NAMESPACES, scope.namespace)
  if (phase === 'Terminating') {
    const { plural, group } = scope.definition
    throw forbidden(
      `${plural}${group ? '.' + group : ''} "${name}" is forbidden: unable to create new content in namespace ${scope.namespace} because it is being terminated`,
      { name, ...(group ? { group } : {}), kind: plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${scope.namespace} is being terminated`, field: 'metadata.namespace' }] },
    )
  }
}
