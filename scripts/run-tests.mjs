#!/usr/bin/env node
// Lists the test files for node's built-in runner: Node 20's --test takes no globs, and given a
// directory or a quoted glob it silently finds nothing. Usage: run-tests.mjs unit|e2e|all [filter]
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

// A test that hangs fails after this long instead of stalling CI (tests may set a longer timeout of their own).
const TEST_TIMEOUT_MS = 180_000
// Files run two at a time even on two cores: most of a file's time is spent waiting on servers,
// kubectl and python processes, not on the test process (node's default would run one at a time there).
const CONCURRENCY = Math.max(2, availableParallelism() - 1)

const [suite = 'all', filter] = process.argv.slice(2)
const roots = { unit: ['src'], e2e: ['test'], all: ['src', 'test'] }[suite]
if (!roots) {
  console.error(`unknown suite ${suite}: unit, e2e or all`)
  process.exit(2)
}
const files = roots.flatMap(findTests).filter((f) => !filter || f.includes(filter)).sort()
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-timeout=${TEST_TIMEOUT_MS}`, `--test-concurrency=${CONCURRENCY}`, ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
