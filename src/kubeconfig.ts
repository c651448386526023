/** A kubeconfig pointing kubectl at this server (plain http on loopback: no credentials). */
export function kubeconfigFor(serverUrl: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: watchplane
  cluster:
    server: ${serverUrl}
contexts:
- name: watchplane
  context:
    cluster: watchplane
    user: watchplane
    namespace: default
current-context: watchplane
users:
- name: watchplane
  user: {}
`
}
