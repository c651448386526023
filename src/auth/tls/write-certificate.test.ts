import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { test } from 'node:test'
import { loadOrCreateCa } from './certificate-authority.js'
import { issueCertificate } from './issue-certificate.js'

test('the CA signs serving and client certificates that node:crypto (OpenSSL) verifies, with the names, usages and identifiers asked for', async () => {
  const ca = await loadOrCreateCa(undefined)
  const caCert = new X509Certificate(ca.certPem)
  assert.equal(caCert.ca, true)
  assert.equal(caCert.subject, 'CN=watchplane-ca')
  assert.equal(caCert.verify(caCert.publicKey), true, 'self-signed')

  const serving = new X509Certificate((await issueCertificate(ca, {
    commonName: 'kube-apiserver', subjectAltNames: ['localhost', '127.0.0.1', '::1', 'fd00::10'], usage: 'server', validityMs: 3_600_000,
  })).certPem)
  assert.equal(serving.verify(caCert.publicKey), true)
  assert.equal(serving.checkIssued(caCert), true, 'issuer name and key identifier match the CA')
  assert.equal(serving.ca, false)
  assert.equal(serving.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:0:0:0:0:0:0:10')
  assert.deepEqual(serving.keyUsage, ['1.3.6.1.5.5.7.3.1'])

  const client = new X509Certificate((await issueCertificate(ca, {
    commonName: 'kubernetes-admin', organizations: ['system:masters', 'team'], usage: 'client', validityMs: 365 * 24 * 3_600_000,
  })).certPem)
  assert.equal(client.checkIssued(caCert), true)
  assert.equal(client.subject, 'CN=kubernetes-admin\nO=system:masters\nO=team')
  assert.deepEqual(client.keyUsage, ['1.3.6.1.5.5.7.3.2'])
  assert.ok(Date.parse(client.validTo) - Date.now() > 364 * 24 * 3_600_000)
})
