import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseTsType } from './ts-type.js'

const cases = [
  { name: 'string', text: 'string', want: { kind: 'string' } },
  { name: 'number', text: 'number', want: { kind: 'number' } },
  { name: 'boolean', text: 'boolean', want: { kind: 'boolean' } },
  { name: 'a model type', text: 'IIoK8sApiCoreV1PodSpec', want: { kind: 'ref', name: 'IIoK8sApiCoreV1PodSpec' } },
  { name: 'an enum', text: '"Always" | "IfNotPresent" | "Never"', want: { kind: 'literals', values: ['Always', 'IfNotPresent', 'Never'] } },
  { name: 'a fixed apiVersion', text: '"apps/v1"', want: { kind: 'literals', values: ['apps/v1'] } },
  { name: 'a list of refs', text: 'Array<IIoK8sApiCoreV1Container>', want: { kind: 'array', items: { kind: 'ref', name: 'IIoK8sApiCoreV1Container' } } },
  { name: 'a list of enums', text: 'Array<"A" | "B">', want: { kind: 'array', items: { kind: 'literals', values: ['A', 'B'] } } },
  {
    name: 'a map written over three lines',
    text: '{\n        [key: string]: string;\n    }',
    want: { kind: 'map', values: { kind: 'string' } },
  },
  { name: 'a scalar union', text: 'number | string', want: { kind: 'union', members: [{ kind: 'number' }, { kind: 'string' }] } },
  { name: 'anything else', text: 'Record<string, never>', want: { kind: 'unknown' } },
]

for (const c of cases) test(`parseTsType: ${c.name}`, () => assert.deepEqual(parseTsType(c.text), c.want))
