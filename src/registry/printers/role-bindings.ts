import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { items, text } from './fields.js'
import type { DescriptionKey } from './column-descriptions.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'

/** rbac.SubjectsStrings (k8s: pkg/apis/rbac/helpers.go): users, groups and `namespace/name` service accounts. */
function subjectsCells(binding: KubeObject): [users: string, groups: string, serviceAccounts: string] {
  const named = (kind: string) => items(binding, 'subjects').filter((s) => text(s, 'kind') === kind)
  return [
    named('User').map((s) => text(s, 'name')).join(', '),
    named('Group').map((s) => text(s, 'name')).join(', '),
    named('ServiceAccount').map((s) => `${text(s, 'namespace')}/${text(s, 'name')}`).join(', '),
  ]
}

/** printers.go printRoleBinding / printClusterRoleBinding: `Kind/name` of the role, subjects when wide. */
function bindingPrinter(roleRefDescription: DescriptionKey, kindWord: string): Printer {
  return {
    columns: [
      nameColumn,
      column('Role', roleRefDescription),
      ageColumn,
      wideColumn('Users', { text: `Users in the ${kindWord}` }),
      wideColumn('Groups', { text: `Groups in the ${kindWord}` }),
      wideColumn('ServiceAccounts', { text: `ServiceAccounts in the ${kindWord}` }),
    ],
    cells(binding, nowMs) {
      const roleRef = `${text(binding, 'roleRef.kind')}/${text(binding, 'roleRef.name')}`
      return [binding.metadata.name ?? '', roleRef, timeSince(binding.metadata.creationTimestamp, nowMs), ...subjectsCells(binding)]
    },
  }
}

// printers.go roleBindingsColumnDefinitions / clusterRoleBindingsColumnDefinitions.
export const roleBindingPrinter = bindingPrinter('RoleBinding.roleRef', 'roleBinding')
export const clusterRoleBindingPrinter = bindingPrinter('ClusterRoleBinding.roleRef', 'clusterRoleBinding')
