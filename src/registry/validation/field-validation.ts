/**
 * kube's fieldValidation directive: what to do with unknown and duplicate fields in a request body.
 * Read from the query at the edge (http/query/write-options.ts).
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'
