// The bench measures watchplane over plain HTTP with the anonymous user as cluster admin, as its
// references (bare node:http, ws, etcd without TLS) run and as earlier figures were taken; the
// `authentication and RBAC` case measures TLS, tokens and RBAC beside this.
export const PLAIN_HTTP_OPTIONS = { insecureHttp: true, anonymousAuth: true } as const
export const PLAIN_HTTP_FLAGS = ['--insecure-http', '--anonymous-auth'] as const
