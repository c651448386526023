import { createCa, loadX509 } from './certificate-authority.js'
import { CA_COMMON_NAME, makeCertificates, type CertificateOrder } from './make-certificates.js'

// The program of the child process make-certificates-apart.ts starts: it loads the X.509 library
// and makes a new CA while it waits (an order for a data dir without one, as a first start's is,
// then takes it; an order that brings the data dir's CA leaves it unused), takes one order over
// IPC, sends the certificates (or the error) back, and exits once it lets go of the channel.
// Nothing is written here. A failure before the order meets the order again, which reports it.
const caAhead = createCa(CA_COMMON_NAME)
caAhead.catch(() => undefined)
loadX509().catch(() => undefined)
process.once('message', (order: CertificateOrder) => {
  const reply = (answer: object) => process.send!(answer, () => process.disconnect())
  makeCertificates(order, () => caAhead).then(
    (made) => reply({ made }),
    (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
