import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { PeerCertificate, TLSSocket } from 'node:tls'
import type { ClientCertificate } from '../../auth/authentication/client-certificate.js'

// One TLS connection carries one client certificate: read it once per connection, not per request.
const certificates = new WeakMap<Socket, ClientCertificate | null>()

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value])

/** The client certificate of the request's TLS connection, as the handshake verified it; undefined without one. */
export function clientCertificateOf(req: IncomingMessage): ClientCertificate | undefined {
  const socket = req.socket as TLSSocket
  if (typeof socket.getPeerCertificate !== 'function') return undefined
  let known = certificates.get(socket)
  if (known === undefined) {
    known = read(socket)
    certificates.set(socket, known)
  }
  return known ?? undefined
}

function read(socket: TLSSocket): ClientCertificate | null {
  const peer = socket.getPeerCertificate() as PeerCertificate & { ext_key_usage?: string[] }
  if (!peer || !peer.subject) return null
  const error = socket.authorizationError
  return {
    isVerified: socket.authorized,
    ...(error ? { verifyError: String(error) } : {}),
    commonName: asList(peer.subject.CN)[0] ?? '',
    organizations: asList(peer.subject.O),
    ...(peer.ext_key_usage ? { extendedKeyUsages: peer.ext_key_usage } : {}),
  }
}
