import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { request, startServer } from '../../support/start-server.js'

const PYTHON = '/usr/bin/python3'
const SCRIPT = fileURLToPath(new URL('custom_objects.py', import.meta.url))
const WIDGET_CRD = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/crd/widget-crd.json', import.meta.url)), 'utf8'))

/** Debian's python3-kubernetes; under CI=true its absence fails the suite. */
function pythonClientAvailability(): { skip: false } | { skip: string } {
  if (spawnSync(PYTHON, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0) return { skip: false }
  if (process.env.CI === 'true') throw new Error('the python kubernetes client is missing, and CI=true requires it')
  return { skip: 'the python kubernetes client (python3-kubernetes) is not installed' }
}

function runPython(kubeconfig: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { env: { ...process.env, KUBECONFIG: kubeconfig } })
    let [stdout, stderr] = ['', '']
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('python client: CustomObjectsApi on a custom resource', { ...pythonClientAvailability() }, () => {
  test('create, get, list, merge patch, watch and delete', async () => {
    const server = await startServer()
    try {
      assert.equal((await request(server.url, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', body: WIDGET_CRD })).status, 201)
      const result = await runPython(server.kubeconfigPath!)
      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(result.stdout.trim().split('\n'), [
        'created py 3',
        'got red',
        "listed ['py']",
        'patched blue',
        "watched [('MODIFIED', 'py', 'blue'), ('DELETED', 'py', 'blue')]",
      ])
    } finally {
      await server.close()
    }
  })
})
