import { loadX509 } from './certificate-authority.js'
import { makeCertificates, type CertificateOrder } from './make-certificates.js'

// The program of the child process make-certificates-apart.ts starts: it loads the X.509 library
// while it waits, takes one order over IPC, sends the certificates (or the error) back, and exits
// once it lets go of the channel. Nothing is written here.
// an order meets the same error, and reports it
loadX509().catch(() => undefined)
process.once('message', (order: CertificateOrder) => {
  const reply = (answer: object) => process.send!(answer, () => process.disconnect())
  makeCertificates(order).then(
    (made) => reply({ made }),
    (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
