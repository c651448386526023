import { createCa, loadX509 } from './certificate-authority.js'
import { CA_COMMON_NAME, makeCertificates, type CertificateOrder } from './make-certificates.js'
import { MAKE_CA_AHEAD } from './make-certificates-apart.js'

// The program of the child process make-certificates-apart.ts starts: it loads the X.509 library
// (and, started for a data dir without a CA, makes one) while it waits, takes one order over IPC,
// sends the certificates (or the error) back, and exits once it lets go of the channel. Nothing is
// written here. A failure before the order meets the order again, which reports it.
const caAhead = process.argv.includes(MAKE_CA_AHEAD) ? createCa(CA_COMMON_NAME) : undefined
caAhead?.catch(() => undefined)
loadX509().catch(() => undefined)
process.once('message', (order: CertificateOrder) => {
  const reply = (answer: object) => process.send!(answer, () => process.disconnect())
  makeCertificates(order, caAhead && (() => caAhead)).then(
    (made) => reply({ made }),
    (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
