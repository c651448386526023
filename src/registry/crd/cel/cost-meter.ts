// Runtime cost of rule evaluation, so that no rule can hang the server: every function call and
// every comprehension iteration is charged while a rule runs, in the units cel-go's cost tracker
// uses (interpreter/runtimecost.go: 1 per call, 0.1 per character a string function traverses),
// and evaluation stops when a rule passes kube's per-call limit or a write passes its budget
// (apiserver/pkg/apis/cel/config.go).

/** apiserver/pkg/apis/cel/config.go PerCallLimit: one rule's evaluation (~0.1s in kube). */
export const PER_CALL_LIMIT = 1_000_000
/** apiserver/pkg/apis/cel/config.go RuntimeCELCostBudget: all rules of one object (~1s in kube). */
export const RUNTIME_COST_BUDGET = 10_000_000
/**
 * Our interpreter is slower per cost unit than cel-go, so the time kube's budget stands for is
 * also enforced: the rules of one object stop after this long, with the cost limit's error.
 */
export const RUNTIME_DEADLINE_MS = 1000
const CLOCK_CHECK_INTERVAL = 256

/** Thrown inside evaluation when a rule passes its limit; @bufbuild/cel turns it into the rule's error. */
export class CostLimitExceeded extends Error {
  constructor() {
    // cel-go's message (interpreter/runtimecost.go), which kube's messages quote
    super('operation cancelled: actual cost limit exceeded')
  }
}

export class CostMeter {
  #spent = 0
  #charges = 0
  #isExceeded = false
  constructor(
    readonly limit: number,
    /** Date.now() after which evaluation stops, whatever its cost */
    readonly deadlineMs = Number.POSITIVE_INFINITY,
  ) {}

  get spent(): number {
    return this.#spent
  }

  /** true once a charge went past the limit, even if the rule swallowed the error (`x || true`) */
  get isExceeded(): boolean {
    return this.#isExceeded
  }

  charge(units: number): void {
    this.#spent += units
    const isLate = ++this.#charges % CLOCK_CHECK_INTERVAL === 0 && Date.now() > this.deadlineMs
    if (this.#spent > this.limit || isLate) {
      this.#isExceeded = true
      throw new CostLimitExceeded()
    }
  }
}

let active: CostMeter | undefined

/** Runs one evaluation with `meter` charged by every call and iteration it makes. */
export function runMetered<T>(meter: CostMeter, evaluate: () => T): T {
  const previous = active
  active = meter
  try {
    return evaluate()
  } finally {
    active = previous
  }
}

/** Charges the evaluation under way; outside one (planning, tests of a library) it is free. */
export function chargeActive(units: number): void {
  active?.charge(units)
}
