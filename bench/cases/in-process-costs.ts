import { BUILTIN_RESOURCES } from '../../src/registry/builtin-resources.js'
import { buildOpenApiV3 } from '../../src/registry/openapi/openapi-v3.js'
import { validateObject } from '../../src/registry/validation/validate-object.js'
import type { BenchCase } from '../support/bench-case.js'
import { median } from '../support/percentiles.js'
import { podBody } from '../support/pods.js'
import type { ResultRow } from '../support/result-row.js'

// Costs that once sat as timing assertions in unit tests (issue 11): measured here, beside a
// reference from the same run, instead of failing a test on a loaded machine.

const VALIDATIONS = 5000
const BUILDS = 21

/** Microseconds per `fn()`, after as many warm-up calls. */
function microsecondsPer(fn: () => void, runs: number): number {
  for (let i = 0; i < runs; i++) fn()
  const startedMs = performance.now()
  for (let i = 0; i < runs; i++) fn()
  return ((performance.now() - startedMs) * 1000) / runs
}

function validationRow(): ResultRow {
  const schemas = buildOpenApiV3(BUILTIN_RESOURCES).schemas()
  const pod = BUILTIN_RESOURCES.find((r) => r.kind === 'Pod')!
  const json = podBody('validated')
  const object = JSON.parse(json) as unknown
  const ours = microsecondsPer(() => validateObject(schemas, { resource: pod, object, json, fieldValidation: 'Strict' }), VALIDATIONS)
  const reference = microsecondsPer(() => JSON.parse(json), VALIDATIONS)
  return { case: 'Strict validation of one Pod', unit: 'µs', ours, reference, referenceLabel: 'JSON.parse of its body', goal: { type: 'ours-below', value: 200 } }
}

/** Building the OpenAPI set must defer its documents: start-up pays for none until one is asked for. */
function openApiRows(): ResultRow[] {
  const buildMs: number[] = []
  const firstDocumentMs: number[] = []
  for (let i = 0; i < BUILDS; i++) {
    const startedMs = performance.now()
    const openapi = buildOpenApiV3(BUILTIN_RESOURCES)
    buildMs.push(performance.now() - startedMs)
    const documentStartedMs = performance.now()
    openapi.document('api/v1')
    firstDocumentMs.push(performance.now() - documentStartedMs)
  }
  return [{
    case: `OpenAPI v3 set built (median of ${BUILDS})`, unit: 'ms', ours: median(buildMs),
    reference: median(firstDocumentMs), referenceLabel: 'the first document (api/v1) it defers', goal: { type: 'ours-below', value: 5 },
  }]
}

export const inProcessCosts: BenchCase = {
  name: 'in-process costs',
  async run() {
    return [validationRow(), ...openApiRows()]
  },
}
