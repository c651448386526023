import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ApiError } from '../../api/errors.js'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { buildOpenApiV3 } from '../openapi/openapi-v3.js'
import type { FieldValidation } from './field-validation.js'
import { validateObject } from './validate-object.js'

const schemas = buildOpenApiV3(BUILTIN_RESOURCES).schemas()
const resource = (kind: string) => BUILTIN_RESOURCES.find((r) => r.kind === kind)!
const validate = (kind: string, json: string, fieldValidation: FieldValidation = 'Strict') =>
  validateObject(schemas, { resource: resource(kind), object: JSON.parse(json), json, fieldValidation })
const failure = (f: () => unknown): ApiError => {
  try {
    f()
  } catch (e) {
    return e as ApiError
  }
  assert.fail('expected an ApiError')
}

// kubectl-logs/create-pod-bad.log: what kubectl sends, and what kube-apiserver answers.
const BAD_POD =
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p2","namespace":"default"},' +
  '"spec":{"containers":[{"bogusField":1,"image":"nginx:1.27","name":"web"}]}}'

test('Strict: unknown fields are a 400 in kube words', () => {
  const e = failure(() => validate('Pod', BAD_POD))
  assert.equal(e.code, 400)
  assert.equal(e.reason, 'BadRequest')
  assert.equal(
    e.message,
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].bogusField"',
  )
})

test('Warn: the same fields come back as warnings; Ignore: nothing', () => {
  assert.deepEqual(validate('Pod', BAD_POD, 'Warn').warnings, ['unknown field "spec.containers[0].bogusField"'])
  assert.deepEqual(validate('Pod', BAD_POD, 'Ignore').warnings, [])
})

test('a valid pod passes with metadata, maps, quantities and managed fields', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      labels: { app: 'p' },
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubectl', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:x': {} } } }],
    },
    spec: {
      containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '100m', memory: 1024 } }, ports: [{ containerPort: 80 }] }],
      securityContext: { supplementalGroups: [1, 2] },
    },
    status: { phase: 'Running' },
  }
  assert.deepEqual(validate('Pod', JSON.stringify(pod)).warnings, [])
})

test('unknown fields in metadata (ObjectMeta is a typed struct) and at the top level', () => {
  const json = '{"kind":"ConfigMap","metadata":{"name":"c","colour":"red"},"data":{"k":"v"},"extra":1}'
  assert.deepEqual(validate('ConfigMap', json, 'Warn').warnings, ['unknown field "metadata.colour"', 'unknown field "extra"'])
})

test('a wrong type is a 400 from the decoder, under every directive', () => {
  const json = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":"3","bogus":1}}'
  for (const directive of ['Strict', 'Warn', 'Ignore'] as const) {
    const e = failure(() => validate('Deployment', json, directive))
    assert.equal(e.code, 400)
    assert.equal(
      e.message,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    )
    assert.deepEqual(e.details?.causes, [
      { reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' },
    ])
  }
})

test('a custom unmarshaler error wins over an earlier plain type error, as decoding stops there', () => {
  const json = '{"metadata":{"name":7},"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":"lots"}}}]}}'
  const e = failure(() => validate('Pod', json))
  assert.match(e.message, /^Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression/)
  assert.equal(e.details?.causes?.length, 2)
})

test('duplicate fields: kube paths, in struct fields, maps and list items', () => {
  const json =
    '{"metadata":{"name":"d","labels":{"a":"1","a":"2"}},' +
    '"spec":{"replicas":1,"replicas":2,"template":{"spec":{"containers":[{"name":"a","name":"b"}]}}}}'
  const e = failure(() => validate('Deployment', json))
  assert.equal(
    e.message,
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "metadata.labels.a", ' +
      'duplicate field "spec.replicas", duplicate field "spec.template.spec.containers[0].name"',
  )
})

test('duplicates the decoder never sees are not reported; a repeated unknown field counts once', () => {
  const json =
    '{"metadata":{"name":"p","managedFields":[{"fieldsV1":{"f:a":{},"f:a":{}}}]},' +
    '"bogus":{"x":1,"x":2},"bogus":3}'
  assert.deepEqual(validate('Pod', json, 'Warn').warnings, ['unknown field "bogus"'])
})

test('a kind without a schema passes unchecked', () => {
  const widget = { kind: 'Widget', version: 'v1', schemaName: 'com.example.v1.Widget' }
  assert.deepEqual(validateObject(schemas, { resource: widget, object: { x: 1 }, fieldValidation: 'Strict' }).warnings, [])
})
