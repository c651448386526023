import assert from 'node:assert/strict'
import { readFileSync, rmSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { startCliServer } from '../../support/cli-server.js'
import { eventually } from '../../support/eventually.js'
import { request, tempDataDir } from '../../support/start-server.js'

// The CEL compiler is loaded by the first write that needs it, not at start: these run each server
// in its own process, so every write below is one that found CEL not yet loaded.
const CRONTAB_CRD = parse(readFileSync(fileURLToPath(new URL('../../fixtures/crd/crontab-crd.yaml', import.meta.url)), 'utf8'))
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions'
const CRONTABS = '/apis/stable.example.com/v1/namespaces/default/crontabs'
const PLAIN = ['--insecure-http', '--anonymous-auth']
// kube's words for a failed rule (apiextensions-apiserver pkg/apiserver/schema/cel/validation.go): the rule's message at its field.
const RULE_CAUSE = { reason: 'FieldValueInvalid', message: 'Invalid value: "object": cronSpec must not be empty', field: 'spec' }

const cronTab = (name: string, cronSpec: string) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name }, spec: { cronSpec, image: 'x' } })

test('x-kubernetes-validations hold from the first write after a start: CRD creates, custom resource creates and patches', async () => {
  const dataDir = tempDataDir()
  try {
    let server = await startCliServer(dataDir, PLAIN)
    const badRule = structuredClone(CRONTAB_CRD)
    badRule.metadata.name = 'badrules.stable.example.com'
    badRule.spec.names = { plural: 'badrules', singular: 'badrule', kind: 'BadRule' }
    badRule.spec.versions[0].schema.openAPIV3Schema.properties.spec['x-kubernetes-validations'] = [{ rule: 'self.cronSpec ==' }]
    const refused = await request(server.url, CRDS, { method: 'POST', body: badRule })
    assert.equal(refused.status, 422, refused.text)
    assert.match(refused.body.details.causes[0].message, /compilation failed: ERROR: <input>:1:15: Syntax error/)
    assert.equal((await request(server.url, CRDS, { method: 'POST', body: CRONTAB_CRD })).status, 201)
    await server.stop()

    server = await startCliServer(dataDir, PLAIN)
    try {
      const created = await eventually(async () => {
        const r = await request(server.url, CRONTABS, { method: 'POST', body: cronTab('empty', '') })
        assert.notEqual(r.status, 404, 'the stored CRD is served')
        return r
      })
      assert.equal(created.status, 422, created.text)
      assert.deepEqual(created.body.details.causes, [RULE_CAUSE])
      assert.equal((await request(server.url, CRONTABS, { method: 'POST', body: cronTab('good', '* * * * *') })).status, 201)
      await server.stop()

      server = await startCliServer(dataDir, PLAIN)
      const patched = await request(server.url, `${CRONTABS}/good`, { method: 'PATCH', body: { spec: { cronSpec: '' } }, contentType: 'application/merge-patch+json' })
      assert.equal(patched.status, 422, patched.text)
      assert.deepEqual(patched.body.details.causes, [RULE_CAUSE])
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
