import assert from 'node:assert/strict'
import { request } from './start-server.js'
import type { ServerTarget } from './server-credentials.js'

const RBAC_GROUP = 'rbac.authorization.k8s.io'

export interface Binding {
  /** the binding's name, also */
  name: string
  /** a RoleBinding in this namespace; a ClusterRoleBinding without one */
  namespace?: string
  role: { kind: 'ClusterRole' | 'Role'; name: string }
  users: readonly string[]
}

/** Binds users to a role as the server's admin (RBAC judges everyone but system:masters); expects 201. */
export async function bindUsers(server: string | ServerTarget, binding: Binding): Promise<void> {
  const { name, namespace } = binding
  const path = namespace ? `/apis/${RBAC_GROUP}/v1/namespaces/${namespace}/rolebindings` : `/apis/${RBAC_GROUP}/v1/clusterrolebindings`
  const body = {
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, ...binding.role },
    subjects: binding.users.map((user) => ({ apiGroup: RBAC_GROUP, kind: 'User', name: user })),
  }
  const created = await request(server, path, { method: 'POST', body })
  assert.equal(created.status, 201, `${path}: ${created.text}`)
}
