// Non-resource paths that need no particular user.

/** kube's system:public-info-viewer ClusterRole (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): `get` by anyone, anonymous included when anonymous access is on */
export const PUBLIC_INFO_PATHS: readonly string[] = ['/livez', '/readyz', '/healthz', '/version', '/version/']

/**
 * The timeline UI's static files: open to requests without credentials even when anonymous
 * access is off (the page must load to ask for a token; its data needs one), as kube 1.32 opens
 * chosen paths to anonymous requests (AuthenticationConfiguration anonymous.conditions).
 * docs/decisions/0017-tls-and-authentication.md
 */
export const UI_PATHS: readonly string[] = ['/ui', '/ui/*']

export const matchesPath = (patterns: readonly string[], path: string) =>
  patterns.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p))
