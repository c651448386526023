import type { QualifiedResource } from '../api/errors.js'
import type { KubeObject } from '../api/types.js'
import type { ObjectKey, StoredObject } from '../storage/storage.js'
import type { RequestScope } from './request-scope.js'

export const keyOf = (scope: RequestScope, name: string): ObjectKey => ({
  resource: scope.definition.storageResource,
  namespace: scope.definition.isNamespaced ? scope.namespace : '',
  name,
})

export const qualifiedResourceOf = (scope: RequestScope): QualifiedResource => ({
  group: scope.definition.group,
  resource: scope.definition.plural,
})

export const parseStored = (stored: StoredObject): KubeObject => JSON.parse(stored.json) as KubeObject
