import type { KubeObject } from '../../api/types.js'
import { defaultNil, objectsIn } from './go-fields.js'

/**
 * SetDefaults_EndpointPort (k8s: pkg/apis/discovery/v1/defaults.go): a port is TCP and, being a
 * pointer, its unnamed name is written as `name: ""`.
 */
export function defaultEndpointSlice(slice: KubeObject): void {
  for (const port of objectsIn(slice, 'ports')) defaultNil(port, { name: '', protocol: 'TCP' })
}
