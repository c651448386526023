import { typeDescriptionFromOpenApi } from '../type-description/from-openapi.js'
import type { TypeDescription } from '../type-description/type-description.js'

/**
 * The schemas structured-merge-diff's own tests use (merge/*_test.go, typed/merge_test.go), written
 * as OpenAPI component schemas: a list map keyed by `key` and `id`, a list map keyed by `name`,
 * sets of strings, an atomic list, a granular and an atomic map.
 */
const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] })

export const smdSchemas: Record<string, unknown> = {
  Root: {
    type: 'object',
    properties: {
      list: { type: 'array', items: ref('KeyIdElement'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key', 'id'] },
      named: { type: 'array', items: ref('NamedElement'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
      atomicList: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
      setStr: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      selector: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'atomic' },
      string: { type: 'string' },
      numeric: { type: 'number' },
      bool: { type: 'boolean' },
      struct: ref('Struct'),
    },
  },
  KeyIdElement: {
    type: 'object',
    properties: {
      key: { type: 'string' },
      id: { type: 'number' },
      value: { type: 'object', additionalProperties: { type: 'string' } },
      bv: { type: 'boolean' },
      nv: { type: 'number' },
    },
  },
  NamedElement: {
    type: 'object',
    properties: { name: { type: 'string' }, value: { type: 'number' }, other: { type: 'string' } },
  },
  Struct: {
    type: 'object',
    properties: { name: { type: 'string' }, value: { type: 'number' }, numeric: { type: 'number' } },
  },
}

export const rootType = (): TypeDescription => typeDescriptionFromOpenApi(smdSchemas, 'Root')
