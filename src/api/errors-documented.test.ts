import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import * as errors from './errors.js'

// Every error the API can answer is listed in docs/kubernetes-semantics.md (fastify's rule):
// adding a factory to errors.ts without documenting it fails here.

const DOC_PATH = new URL('../../docs/kubernetes-semantics.md', import.meta.url)

/** The doc's "## Errors" section: from its heading to the next level-2 heading. */
function errorsSection(markdown: string): string {
  const start = markdown.search(/^## Errors\s*$/m)
  assert.ok(start >= 0, 'docs/kubernetes-semantics.md has no "## Errors" section')
  const rest = markdown.slice(start + 1)
  const end = rest.search(/^## /m)
  return end < 0 ? rest : rest.slice(0, end)
}

/** Table rows of the section: `name` → the code and reason written beside it. */
function documentedRows(section: string): Map<string, { code: number; reason: string }> {
  const rows = new Map<string, { code: number; reason: string }>()
  for (const match of section.matchAll(/^\|\s*`(\w+)`\s*\|\s*(\d{3})\s*\|\s*(\w+)\s*\|/gm)) {
    rows.set(match[1]!, { code: Number(match[2]), reason: match[3]! })
  }
  return rows
}

const section = errorsSection(readFileSync(DOC_PATH, 'utf8'))
const rows = documentedRows(section)
const exported = Object.entries(errors).filter(([, value]) => typeof value === 'function')

test('errors.ts exports something to check', () => {
  assert.ok(exported.length > 0)
})

for (const [name] of exported) {
  test(`${name} is documented in docs/kubernetes-semantics.md § Errors`, () => {
    assert.ok(section.includes(`\`${name}\``), `add \`${name}\` to the Errors section of docs/kubernetes-semantics.md`)
  })
}

// Arguments every factory accepts without throwing: a resource, a name, a message, causes.
const SAMPLE_ARGS = [{ group: '', resource: 'pods' }, [], 'x', []] as const

for (const [name, factory] of exported) {
  if (name === 'ApiError') continue
  test(`${name}: the documented code and reason are the ones it answers`, () => {
    const row = rows.get(name)
    assert.ok(row, `the Errors table of docs/kubernetes-semantics.md needs a row | \`${name}\` | code | reason | … |`)
    const error = (factory as (...args: unknown[]) => unknown)(...SAMPLE_ARGS)
    assert.ok(error instanceof errors.ApiError, `${name} should return an ApiError`)
    assert.deepEqual({ code: error.code, reason: error.reason }, row)
  })
}
