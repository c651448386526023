import type { CelValue } from '@bufbuild/cel'
import { OpaqueType } from './opaque-values.js'

/** What an optional holds: a value, or nothing. */
export interface OptionalPayload {
  readonly value?: CelValue
}

/** cel-go's optional_type (enabled in kube's environment since 1.28: oldSelf with optionalOldSelf). */
export const OPTIONAL = new OpaqueType<OptionalPayload>('optional_type', (o) => (o.value === undefined ? 'none' : 'some'))

export const optionalOf = (value: CelValue | undefined) => OPTIONAL.wrap(value === undefined ? {} : { value })
