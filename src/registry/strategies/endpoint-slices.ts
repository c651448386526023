import { goValue, immutableField, requiredField, unsupportedField } from '../../api/field-errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { items, text } from '../printers/fields.js'
import { defaultEndpointSlice } from '../defaults/discovery-defaults.js'
import type { Strategy } from '../strategy.js'

// Endpoint slices (k8s: pkg/apis/discovery/validation/validation.go, the required parts).

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6']

function endpointSliceCauses(slice: KubeObject): StatusCause[] {
  const addressType = text(slice, 'addressType')
  const causes: StatusCause[] = items(slice, 'endpoints').flatMap((endpoint, i) =>
    items(endpoint, 'addresses').length > 0 ? [] : [requiredField(`endpoints[${i}].addresses`, 'must contain at least 1 address')],
  )
  if (addressType === '') causes.push(requiredField('addressType'))
  else if (!ADDRESS_TYPES.includes(addressType)) causes.push(unsupportedField('addressType', addressType, ADDRESS_TYPES))
  return causes
}

export const endpointSliceStrategy: Strategy = {
  applyDefaults: defaultEndpointSlice,
  validate: endpointSliceCauses,
  validateUpdate: (next, current) =>
    text(next, 'addressType') === text(current, 'addressType') ? [] : [immutableField('addressType', goValue(text(next, 'addressType')))],
}
