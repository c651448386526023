/** What the written kubeconfig authenticates with. */
export interface KubeconfigCredentials {
  /** the CA that signed the serving certificate; undefined leaves verification to the system's roots */
  caPem?: string | undefined
  /** the admin's client certificate and key */
  clientCertPem: string
  clientKeyPem: string
}

const base64 = (pem: string) => Buffer.from(pem).toString('base64')

/**
 * A kubeconfig pointing kubectl at this server: over https with the cluster CA and the admin's
 * client certificate, embedded as kubeadm's admin.conf embeds them; over plain http with no
 * credentials at all (kubectl sends none to an http server).
 */
export function kubeconfigFor(serverUrl: string, credentials?: KubeconfigCredentials): string {
  const caLine = credentials?.caPem ? `\n    certificate-authority-data: ${base64(credentials.caPem)}` : ''
  const user = credentials
    ? `\n    client-certificate-data: ${base64(credentials.clientCertPem)}\n    client-key-data: ${base64(credentials.clientKeyPem)}`
    : ' {}'
  return `apiVersion: v1
kind: Config
clusters:
- name: watchplane
  cluster:
    server: ${serverUrl}${caLine}
contexts:
- name: watchplane
  context:
    cluster: watchplane
    user: watchplane-admin
    namespace: default
current-context: watchplane
users:
- name: watchplane-admin
  user:${user}
`
}

/** What a client needs to reach a server over TLS as its admin. */
export interface ClientTls {
  /** the CA to verify the server with; undefined when the serving certificate is the user's own */
  caPem: string | undefined
  /** the admin's client certificate (kubernetes-admin in system:masters) and key */
  certPem: string
  keyPem: string
}

/** How clients reach a server listening on `port`: its URL, kubeconfig and (over TLS) admin credentials. */
export function serverAccess(
  config: { address: string; insecureHttp: boolean },
  port: number,
  pki: { servingCaPem: string | undefined; admin: { certPem: string; keyPem: string } },
): { url: string; kubeconfig: string; tls: ClientTls | undefined } {
  const host = ['0.0.0.0', '::'].includes(config.address) ? '127.0.0.1' : config.address.includes(':') ? `[${config.address}]` : config.address
  if (config.insecureHttp) {
    const url = `http://${host}:${port}`
    return { url, kubeconfig: kubeconfigFor(url), tls: undefined }
  }
  const url = `https://${host}:${port}`
  const tls: ClientTls = { caPem: pki.servingCaPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem }
  return { url, kubeconfig: kubeconfigFor(url, { caPem: tls.caPem, clientCertPem: tls.certPem, clientKeyPem: tls.keyPem }), tls }
}
