import { CelScalar, celEnv, celFunc, type CelEnv, type CelValue } from '@bufbuild/cel'
import { strings } from '@bufbuild/cel/ext'
import { ITERATION_WEIGHT_FUNCTION, callCost } from './call-cost.js'
import { chargeActive } from './cost-meter.js'
import type { CelLibrary } from './library/cel-library.js'
import { EQUALITY_FUNCS } from './library/equality.js'
import { LIST_CONCAT_FUNCS } from './library/list-concat.js'
import { LISTS_LIBRARY } from './library/lists-library.js'
import { NET_LIBRARY } from './library/net-library.js'
import { OPAQUE_REGISTRY } from './library/opaque-values.js'
import { OPTIONAL_LIBRARY } from './library/optional-library.js'
import { QUANTITY_LIBRARY } from './library/quantity-library.js'
import { REGEX_LIBRARY } from './library/regex-library.js'
import { URL_LIBRARY } from './library/url-library.js'
import { signatureTable, type SignatureTable } from './signature-table.js'
import { STD_SIGNATURES } from './std-signatures.js'

// The one CEL environment every CRD rule compiles and runs in: the standard library, cel-go's
// strings/sets/optional extensions and kube's libraries, as kube's base environment has them for
// 1.32 (apiserver/pkg/cel/environment/base.go). Built once per process.

/** Charged once per comprehension iteration (its second argument: the iteration's weight); calls to it are put into every loop condition. */
export const ITERATION_FUNCTION = ITERATION_WEIGHT_FUNCTION
/** Wraps the range of every comprehension: charged the range's size when the loop starts. */
export const RANGE_FUNCTION = '@range'

const LIBRARIES: readonly CelLibrary[] = [LISTS_LIBRARY, REGEX_LIBRARY, QUANTITY_LIBRARY, NET_LIBRARY, URL_LIBRARY, OPTIONAL_LIBRARY]

/** What the checker knows of every function. */
export const FUNCTION_SIGNATURES: SignatureTable = signatureTable(STD_SIGNATURES, ...LIBRARIES.map((l) => l.signatures))

const BASE = celEnv({
  registry: OPAQUE_REGISTRY,
  funcs: [
    ...strings,
    ...LIBRARIES.flatMap((l) => l.funcs),
    ...EQUALITY_FUNCS,
    ...LIST_CONCAT_FUNCS,
    celFunc(ITERATION_FUNCTION, [CelScalar.DYN, CelScalar.INT], CelScalar.DYN, (condition) => condition),
    celFunc(RANGE_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (range) => range),
  ],
})

interface CallableGroup {
  call(id: number, target: CelValue | undefined, args: CelValue[]): unknown
}

/**
 * The environment with every function group wrapped so that a call is charged to the rule's cost
 * meter before it runs. @bufbuild/cel's planner only asks an environment for `funcs.find(name)`,
 * `registry` and `namespace`.
 */
function meteredEnvironment(base: CelEnv): CelEnv {
  const groups = new Map<string, CallableGroup | undefined>()
  const wrap = (name: string): CallableGroup | undefined => {
    const group = base.funcs.find(name) as CallableGroup | undefined
    return group && {
      call(id, target, args) {
        chargeActive(callCost(name, target, args))
        return group.call(id, target, args)
      },
    }
  }
  const funcs = {
    find(name: string) {
      if (!groups.has(name)) groups.set(name, wrap(name))
      return groups.get(name)
    },
    [Symbol.iterator]: () => base.funcs[Symbol.iterator](),
  }
  return { namespace: base.namespace, registry: base.registry, variables: base.variables, funcs } as unknown as CelEnv
}

export const RULE_ENVIRONMENT: CelEnv = meteredEnvironment(BASE)
