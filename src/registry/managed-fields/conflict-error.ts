import { applyConflict, type ApiError } from '../../api/errors.js'
import { goQuote } from '../field-set/go-json.js'
import { pathToString } from '../field-set/path-element.js'
import { managerInfoOf } from './managed-entries.js'
import type { Conflict } from './updater.js'

/**
 * The 409 kube answers an apply's conflicts with (k8s: apimachinery
 * managedfields/internal/conflict.go NewConflictError): a cause per field, and a message that names
 * one conflict in full or groups several by manager, managers sorted.
 */
export function applyConflictError(conflicts: readonly Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathToString(c.path),
  }))
  return applyConflict(conflictMessage(conflicts), causes)
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    const [only] = conflicts
    return `Apply failed with 1 conflict: conflict with ${printManager(only!.manager)}: ${pathToString(only!.path)}`
  }
  const byManager = new Map<string, string[]>()
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), pathToString(c.path)])
  const lines: string[] = []
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`, ...byManager.get(manager)!.map((path) => `- ${path}`))
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`
}

/** `"kubectl"` for an applier, `"kubectl-edit" using apps/v1` for an updater (conflict.go printManager). */
function printManager(identifier: string): string {
  const info = managerInfoOf(identifier)
  let printed = goQuote(info.manager)
  if (info.subresource) printed += ` with subresource ${goQuote(info.subresource)}`
  return info.operation === 'Update' ? `${printed} using ${info.apiVersion ?? ''}` : printed
}
