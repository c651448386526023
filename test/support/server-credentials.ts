import { readFileSync } from 'node:fs'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { parse as parseYaml } from 'yaml'
import type { ClientTls } from '../../src/kubeconfig.js'

/** A server a test talks to: its URL and, over https, the admin's credentials. */
export interface ServerTarget {
  url: string
  tls: ClientTls | undefined
}

// Servers this test process started or was told about, by origin: helpers given only a URL
// (request(server.url, …)) find the credentials to use there.
const known = new Map<string, ClientTls | undefined>()
const agents = new Map<string, HttpAgent | HttpsAgent>()

export function rememberServer(target: ServerTarget): void {
  known.set(new URL(target.url).origin, target.tls)
}

/** A server started as a separate process: its admin credentials are in the kubeconfig it wrote. */
export function rememberServerFromKubeconfig(url: string, kubeconfigPath: string): ServerTarget {
  const config = parseYaml(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data'?: string } }[]
    users: { user: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[]
  }
  const decode = (data: string | undefined) => (data ? Buffer.from(data, 'base64').toString('utf8') : undefined)
  const user = config.users[0]!.user
  const certPem = decode(user['client-certificate-data'])
  const keyPem = decode(user['client-key-data'])
  const tls = certPem && keyPem ? { caPem: decode(config.clusters[0]!.cluster['certificate-authority-data']), certPem, keyPem } : undefined
  const target = { url, tls }
  rememberServer(target)
  return target
}

/** The credentials to use for a URL on a server this process knows; undefined for plain http. */
export function credentialsFor(url: string | URL): ClientTls | undefined {
  const parsed = new URL(url)
  if (parsed.protocol === 'http:' || parsed.protocol === 'ws:') return undefined
  const origin = `https://${parsed.host}`
  if (!known.has(origin)) throw new Error(`no credentials for ${origin}: start it with startServer(), or rememberServer() it`)
  return known.get(origin)
}

/** node:https options that present the admin's certificate and trust the cluster CA. */
export function tlsOptionsFor(url: string | URL): { ca?: string; cert?: string; key?: string } {
  const tls = credentialsFor(url)
  return tls ? { ...(tls.caPem ? { ca: tls.caPem } : {}), cert: tls.certPem, key: tls.keyPem } : {}
}

/** One keep-alive agent per server, with its credentials. */
export function agentFor(url: string | URL): HttpAgent | HttpsAgent {
  const parsed = new URL(url)
  let agent = agents.get(parsed.origin)
  if (!agent) {
    agent = parsed.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, ...tlsOptionsFor(parsed) }) : new HttpAgent({ keepAlive: true })
    agents.set(parsed.origin, agent)
  }
  return agent
}

const anonymousAgents = new Map<string, HttpsAgent>()

/** An agent that trusts the server but presents no client certificate: for tokens, and for nobody. */
export function anonymousAgentFor(url: string | URL): HttpsAgent {
  const parsed = new URL(url)
  let agent = anonymousAgents.get(parsed.origin)
  if (!agent) {
    const ca = credentialsFor(parsed)?.caPem
    agent = new HttpsAgent({ keepAlive: true, ...(ca ? { ca } : {}) })
    anonymousAgents.set(parsed.origin, agent)
  }
  return agent
}
