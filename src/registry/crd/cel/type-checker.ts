import {
  BOOL, BYTES, DOUBLE, DYN, INT, NULL, STRING, TYPE, UINT, UNKNOWN,
  formatType, isAssignable, isDynamic, listOf, mapOf, optionalOf, type CheckType,
} from './check-types.js'
import { qualifiedName, type Expr, type ExprOf } from './expr-ast.js'
import { resolveLogical, resolveOverload, type Resolution } from './resolve-overload.js'
import type { SignatureTable } from './signature-table.js'

export interface CheckIssue {
  readonly exprId: bigint
  readonly message: string
}

export interface CheckResult {
  readonly type: CheckType
  readonly issues: readonly CheckIssue[]
  /** the expression refers to the variable oldSelf: a transition rule */
  readonly referencesOldSelf: boolean
}

export interface CheckOptions {
  /** the rule's variables: self, and oldSelf */
  readonly variables: ReadonlyMap<string, CheckType>
  readonly functions: SignatureTable
}

const TYPE_IDENTS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type'])

/**
 * A static type check of a parsed rule in the manner of cel-go's checker (checker/checker.go):
 * undeclared references, fields a schema object does not have, calls no overload accepts, and
 * the expression's result type. @bufbuild/cel ships no checker for this, so this one covers what
 * CRD rules use; where it cannot tell, a type is `unknown` and nothing is reported.
 */
export function checkExpression(expr: Expr, options: CheckOptions): CheckResult {
  const checker = new Checker(options)
  const type = checker.check(expr, new Map())
  return { type, issues: checker.issues, referencesOldSelf: checker.referencesOldSelf }
}

type Scope = ReadonlyMap<string, CheckType>

class Checker {
  readonly issues: CheckIssue[] = []
  referencesOldSelf = false
  constructor(readonly options: CheckOptions) {}

  check(expr: Expr, scope: Scope): CheckType {
    const kind = expr.exprKind
    switch (kind.case) {
      case 'constExpr':
        return constantType(kind.value)
      case 'identExpr':
        return this.#ident(expr, kind.value.name, scope)
      case 'selectExpr':
        return this.#select(expr, kind.value, scope)
      case 'callExpr':
        return this.#call(expr, kind.value, scope)
      case 'listExpr':
        return listOf(this.#joinAll(kind.value.elements, scope))
      case 'structExpr':
        return this.#struct(expr, kind.value, scope)
      case 'comprehensionExpr':
        return this.#comprehension(expr, kind.value, scope)
      default:
        return UNKNOWN
    }
  }

  #report(expr: Expr, message: string): CheckType {
    this.issues.push({ exprId: expr.id, message })
    return UNKNOWN
  }

  #ident(expr: Expr, name: string, scope: Scope): CheckType {
    const local = scope.get(name)
    if (local) return local
    const variable = this.options.variables.get(name)
    if (variable) {
      if (name === 'oldSelf') this.referencesOldSelf = true
      return variable
    }
    if (TYPE_IDENTS.has(name)) return TYPE
    return this.#report(expr, `undeclared reference to '${name}' (in container '')`)
  }

  #select(expr: Expr, select: ExprOf<'selectExpr'>, scope: Scope): CheckType {
    if (!select.operand) return UNKNOWN
    const operandType = this.check(select.operand, scope)
    const isOptional = operandType.kind === 'optional'
    const target = operandType.kind === 'optional' ? operandType.value : operandType
    const fieldType = this.#fieldType(expr, target, select.field)
    if (select.testOnly) return BOOL
    return isOptional ? optionalOf(fieldType) : fieldType
  }

  #fieldType(expr: Expr, target: CheckType, field: string): CheckType {
    switch (target.kind) {
      case 'map':
        return target.value
      case 'object':
        return target.fields.get(field) ?? this.#report(expr, `undefined field '${field}'`)
      default:
        if (isDynamic(target)) return target.kind === 'unknown' ? UNKNOWN : DYN
        this.#report(expr, `type '${formatType(target)}' does not support field selection`)
        return DYN
    }
  }

  #call(expr: Expr, call: ExprOf<'callExpr'>, scope: Scope): CheckType {
    const qualified = call.target && this.#qualifiedFunction(call.target, call.function, scope)
    const args = call.args.map((arg) => this.check(arg, scope))
    if (qualified) return this.#resolved(expr, this.#resolve(qualified, undefined, args))
    const target = call.target && this.check(call.target, scope)
    return this.#resolved(expr, this.#resolve(call.function, target, args))
  }

  /** `sets.contains(...)`, `optional.of(...)`: a namespaced global function rather than a member call. */
  #qualifiedFunction(target: Expr, name: string, scope: Scope): string | undefined {
    const qualifier = qualifiedName(target)
    if (qualifier === undefined) return undefined
    const root = qualifier.split('.')[0] as string
    if (scope.has(root) || this.options.variables.has(root)) return undefined
    const candidate = `${qualifier}.${name}`
    return this.options.functions.has(candidate) ? candidate : undefined
  }

  #resolve(name: string, target: CheckType | undefined, args: CheckType[]): Resolution {
    const shape = { name, ...(target ? { target } : {}), args }
    if (name === '_&&_' || name === '_||_') return resolveLogical(shape)
    const overloads = this.options.functions.get(name)
    if (!overloads) return { error: `undeclared reference to '${name}' (in container '')` }
    return resolveOverload(shape, overloads)
  }

  #resolved(expr: Expr, resolution: Resolution): CheckType {
    return 'error' in resolution ? this.#report(expr, resolution.error) : resolution.type
  }

  #struct(expr: Expr, struct: ExprOf<'structExpr'>, scope: Scope): CheckType {
    const keys: Expr[] = []
    const values: Expr[] = []
    for (const entry of struct.entries) {
      if (entry.keyKind.case === 'mapKey') keys.push(entry.keyKind.value)
      if (entry.value) values.push(entry.value)
    }
    if (struct.messageName !== '') {
      values.forEach((v) => this.check(v, scope))
      return UNKNOWN
    }
    return mapOf(this.#joinAll(keys, scope), this.#joinAll(values, scope))
  }

  /**
   * The common type of a literal's elements; kube's environment requires them to agree
   * (cel.HomogeneousAggregateLiterals): `expected type 'int' but found 'string'`.
   */
  #joinAll(elements: readonly Expr[], scope: Scope): CheckType {
    let joined: CheckType | undefined
    for (const element of elements) {
      const type = this.check(element, scope)
      if (!joined || isDynamic(joined)) joined = type
      else if (!isDynamic(type) && !isAssignable(joined, type, new Map()) && !isAssignable(type, joined, new Map())) {
        this.#report(element, `expected type '${formatType(joined)}' but found '${formatType(type)}'`)
      }
    }
    return joined ?? UNKNOWN
  }

  #comprehension(expr: Expr, comp: ExprOf<'comprehensionExpr'>, scope: Scope): CheckType {
    if (!comp.iterRange || !comp.accuInit || !comp.loopCondition || !comp.loopStep || !comp.result) return UNKNOWN
    const rangeType = this.check(comp.iterRange, scope)
    const accuInit = this.check(comp.accuInit, scope)
    const loopScope = new Map(scope)
    loopScope.set(comp.accuVar, accuInit)
    const [iterType, iter2Type] = this.#iterationTypes(comp.iterRange, rangeType)
    loopScope.set(comp.iterVar, iterType)
    if (comp.iterVar2 !== '') loopScope.set(comp.iterVar2, iter2Type)
    this.check(comp.loopCondition, loopScope)
    const stepType = this.check(comp.loopStep, loopScope)
    // `[]` starts map/filter: the step says what the accumulated list holds
    const resultScope = new Map(scope)
    resultScope.set(comp.accuVar, containsUnknown(accuInit) ? stepType : accuInit)
    return this.check(comp.result, resultScope)
  }

  #iterationTypes(range: Expr, rangeType: CheckType): [CheckType, CheckType] {
    switch (rangeType.kind) {
      case 'list':
        return [rangeType.elem, rangeType.elem]
      case 'map':
        return [rangeType.key, rangeType.value]
      default:
        if (isDynamic(rangeType)) return [rangeType, rangeType]
        this.#report(range, `expression of type '${formatType(rangeType)}' cannot be range of a comprehension (must be list, map, or dynamic)`)
        return [UNKNOWN, UNKNOWN]
    }
  }
}

function containsUnknown(t: CheckType): boolean {
  if (t.kind === 'unknown') return true
  if (t.kind === 'list') return containsUnknown(t.elem)
  if (t.kind === 'map') return containsUnknown(t.key) || containsUnknown(t.value)
  return false
}

function constantType(constant: ExprOf<'constExpr'>): CheckType {
  switch (constant.constantKind.case) {
    case 'boolValue':
      return BOOL
    case 'int64Value':
      return INT
    case 'uint64Value':
      return UINT
    case 'doubleValue':
      return DOUBLE
    case 'stringValue':
      return STRING
    case 'bytesValue':
      return BYTES
    case 'nullValue':
      return NULL
    default:
      return UNKNOWN
  }
}
