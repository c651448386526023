import type { CelFunc } from '@bufbuild/cel'

/** A group of CEL functions: what the checker knows of them and what runs them. */
export interface CelLibrary {
  /** overloads for the checker, in signatureTable's notation */
  readonly signatures: readonly string[]
  /** implementations for @bufbuild/cel */
  readonly funcs: readonly CelFunc[]
}
