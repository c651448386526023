import { invalid } from '../../api/errors.js'

/** kube's fieldValidation directive: what to do with unknown and duplicate fields in a request body. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

const DIRECTIVES: readonly FieldValidation[] = ['Ignore', 'Strict', 'Warn']

/**
 * Reads the `fieldValidation` query parameter. Absent or empty means Warn, as kube-apiserver has
 * defaulted since server-side field validation went GA in 1.27 (k8s: staging/src/k8s.io/apiserver/
 * pkg/endpoints/handlers/rest.go fieldValidation). Any other value is a 422 on the options kind,
 * as ValidateFieldValidation answers (k8s: apimachinery pkg/apis/meta/v1/validation/validation.go).
 */
export function parseFieldValidation(raw: string | undefined, optionsKind = 'CreateOptions'): FieldValidation {
  if (raw === undefined || raw === '') return 'Warn'
  if ((DIRECTIVES as readonly string[]).includes(raw)) return raw as FieldValidation
  const supported = ['', ...DIRECTIVES].map((d) => JSON.stringify(d)).join(', ')
  throw invalid(`${optionsKind}.meta.k8s.io`, '', '', [
    {
      reason: 'FieldValueNotSupported',
      field: 'fieldValidation',
      message: `Unsupported value: ${JSON.stringify(raw)}: supported values: ${supported}`,
    },
  ])
}
