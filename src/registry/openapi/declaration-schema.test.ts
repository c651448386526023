import assert from 'node:assert/strict'
import { test } from 'node:test'
import { declarationSchema } from './declaration-schema.js'
import type { PropertyContext } from './property-schema.js'
import { parseTypeDeclaration } from './type-declaration.js'

const context: PropertyContext = {
  refName: (typeName) => `resolved.${typeName}`,
  numberAt: () => ({ type: 'integer', format: 'int32' }),
}

const KIND = `export interface IDeployment extends TypeMeta {
    "apiVersion": "apps/v1";
    "kind": "Deployment";
    /**
     * Specification of the desired behavior of the Deployment.
     */
    "spec"?: IIoK8sApiAppsV1DeploymentSpec;
}`

test('a top-level kind: GVK, TypeMeta fields as described strings, not required', () => {
  const schema = declarationSchema('io.k8s.api.apps.v1.Deployment', parseTypeDeclaration(KIND), context)
  assert.deepEqual(schema['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }])
  assert.equal(schema['required'], undefined)
  const properties = schema['properties'] as Record<string, Record<string, unknown>>
  assert.equal(properties['kind']?.['type'], 'string')
  assert.match(String(properties['apiVersion']?.['description']), /^APIVersion defines the versioned schema/)
  assert.deepEqual(properties['spec'], {
    description: 'Specification of the desired behavior of the Deployment.',
    allOf: [{ $ref: '#/components/schemas/resolved.IIoK8sApiAppsV1DeploymentSpec' }],
  })
})

test('a struct: required fields, numbers from the context, list extensions merged in', () => {
  const text = `export interface IPodSpec {
    "containers": Array<IIoK8sApiCoreV1Container>;
    "priority"?: number;
}`
  const schema = declarationSchema('io.k8s.api.core.v1.PodSpec', parseTypeDeclaration(text), context)
  const properties = schema['properties'] as Record<string, Record<string, unknown>>
  assert.deepEqual(schema['required'], ['containers'])
  assert.equal(properties['containers']?.['x-kubernetes-patch-merge-key'], 'name')
  assert.deepEqual(properties['priority'], { type: 'integer', format: 'int32' })
  assert.equal(schema['x-kubernetes-group-version-kind'], undefined)
})

test('apimachinery scalars get kube v3 schemas', () => {
  const alias = parseTypeDeclaration('/**\n * IntOrString holds an int32 or a string.\n */\nexport declare type IIntOrString = string | number;')
  assert.deepEqual(declarationSchema('io.k8s.apimachinery.pkg.util.intstr.IntOrString', alias, context), {
    description: 'IntOrString holds an int32 or a string.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  })
  const time = parseTypeDeclaration('export declare type ITime = string;')
  assert.deepEqual(declarationSchema('io.k8s.apimachinery.pkg.apis.meta.v1.Time', time, context), {
    type: 'string',
    format: 'date-time',
  })
})

test('an interface without members is an open object', () => {
  const schema = declarationSchema('x.FieldsV1', parseTypeDeclaration('export interface IFieldsV1 {\n}'), context)
  assert.deepEqual(schema, { type: 'object' })
})
