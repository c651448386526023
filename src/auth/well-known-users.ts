import type { UserInfo } from './user-info.js'

// Names kube gives special meaning (k8s.io/apiserver pkg/authentication/user/user.go and
// pkg/authentication/serviceaccount/util.go).

/** members may do anything: kube-apiserver's privileged-group authorizer allows them before RBAC is asked */
export const SYSTEM_MASTERS = 'system:masters'
export const ALL_AUTHENTICATED = 'system:authenticated'
export const ALL_UNAUTHENTICATED = 'system:unauthenticated'
export const ANONYMOUS = 'system:anonymous'
export const MONITORING = 'system:monitoring'
/** every ServiceAccount's group; `system:serviceaccounts:<namespace>` is its namespace's */
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts'

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:'

export const isPrivileged = (user: UserInfo) => user.groups.includes(SYSTEM_MASTERS)

/** `system:serviceaccount:<namespace>:<name>` (serviceaccount.MakeUsername) */
export const serviceAccountUsername = (namespace: string, name: string) => `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`

/** the groups a ServiceAccount's tokens carry besides system:authenticated (serviceaccount.MakeGroupNames) */
export const serviceAccountGroups = (namespace: string) => [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`]
