import assert from 'node:assert/strict'
import { test } from 'node:test'
import { authenticateCertificate } from './client-certificate.js'

const verified = { isVerified: true, commonName: 'jane', organizations: ['devs', 'ops'] }

// kube's x509 authenticator (staging/apiserver/pkg/authentication/request/x509/x509.go): CN is the user, O the groups.
test('a verified certificate is its CommonName in its Organizations', () => {
  assert.deepEqual(authenticateCertificate(verified), { type: 'user', user: { name: 'jane', groups: ['devs', 'ops'] } })
})

test('no certificate, or one without a CommonName, is no user', () => {
  assert.deepEqual(authenticateCertificate(undefined), { type: 'none' })
  assert.deepEqual(authenticateCertificate({ ...verified, commonName: '' }), { type: 'none' })
})

test('a certificate the CA did not sign, or not for client authentication, is refused', () => {
  assert.equal(authenticateCertificate({ ...verified, isVerified: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }).type, 'failed')
  assert.equal(authenticateCertificate({ ...verified, extendedKeyUsages: ['1.3.6.1.5.5.7.3.1'] }).type, 'failed')
  assert.equal(authenticateCertificate({ ...verified, extendedKeyUsages: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'] }).type, 'user')
})
