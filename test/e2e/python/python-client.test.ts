import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startServer } from '../../support/start-server.js'
import { pythonClientAvailability, runPythonSuite, type PythonSuiteRun } from './python-suite.js'

// The python `kubernetes` client (Debian's python3-kubernetes) as a third real client: the tests are
// python (test/python/test_*.py, unittest), run here against a real server in one python process.
// Each python test is reported as a node test, so `npm test` counts them and a python failure fails it.

const availability = pythonClientAvailability()

async function run(): Promise<PythonSuiteRun> {
  const server = await startServer()
  try {
    return await runPythonSuite(server)
  } finally {
    await server.close()
  }
}

if (availability.skip) {
  test('python kubernetes client', { skip: availability.skip }, () => {})
} else {
  const suite = await run()
  for (const record of suite.records) {
    const name = `python: ${record.name}`
    if (record.outcome === 'skip') test(name, { skip: record.details }, () => {})
    else test(name, () => assert.equal(record.outcome, 'pass', record.details))
  }
  test('python: the suite ran to the end', () => {
    assert.ok(suite.records.length > 0, `no python test reported:\n${suite.stderr}`)
    const failed = suite.records.some((r) => r.outcome === 'fail')
    assert.equal(suite.exitCode, failed ? 1 : 0, suite.stderr)
  })
}
