import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { tempDataDir } from '../support/start-server.js'

const BIN = fileURLToPath(new URL('../../bin/watchplane.js', import.meta.url))

test('--help lists every flag with its env var', () => {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })
  assert.equal(help.status, 0)
  for (const flag of ['--address', '--port', '--data-dir', '--log-level', '--durability', '--max-body-bytes']) assert.match(help.stdout, new RegExp(flag))
  assert.match(help.stdout, /WATCHPLANE_DATA_DIR/)
})

test('the command prints the kubectl hint, logs a request story at debug, and stops cleanly on SIGTERM', async () => {
  const dataDir = tempDataDir()
  try {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, '--log-level', 'debug'])
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', () => {
        const match = /serving (http:\/\/\S+)/.exec(stdout)
        if (match) resolve(match[1]!)
      })
    })
    assert.match(stdout, new RegExp(`export KUBECONFIG=${dataDir}/kubeconfig`))
    assert.match(readFileSync(`${dataDir}/kubeconfig`, 'utf8'), new RegExp(`server: ${url}`))
    const watch = await fetch(`${url}/api/v1/namespaces/default/configmaps?watch=1`)
    const watchBody = watch.text()
    await fetch(`${url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"x"}}' })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
    assert.match(await watchBody, /"ADDED"/, 'the open watch ended with the server')
    const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    const story = lines.filter((l) => l.method === 'POST' || l.verb === 'create')
    assert.ok(story.some((l) => l.msg === 'request received') && story.some((l) => l.msg === 'request served' && l.code === 201), 'one request, told at debug')
    assert.ok(lines.some((l) => l.msg === 'stopping'))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('SIGTERM sent the moment the ready line is read still stops cleanly', async () => {
  // The handlers are installed before the ready line; a supervisor may signal as soon as it reads it.
  const dataDir = tempDataDir()
  try {
    // Its own process group, signalled as a whole, as a supervisor or a terminal does.
    const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir], { detached: true })
    let stdout = ''
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.stdout.on('data', (d: Buffer) => {
      const isFirstReady = !stdout.includes('watchplane is serving')
      stdout += d.toString()
      if (isFirstReady && stdout.includes('watchplane is serving')) process.kill(-child.pid!, 'SIGTERM')
    })
    assert.equal(await exited, 0, stdout)
    assert.match(stdout, /"msg":"stopping"/)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('without a build, the command says how to make one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'watchplane-bin-'))
  try {
    mkdirSync(join(dir, 'bin'))
    copyFileSync(BIN, join(dir, 'bin', 'watchplane.js'))
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'watchplane.js'), '--help'], { encoding: 'utf8' })
    assert.equal(run.status, 1)
    assert.match(run.stderr, /dist\/ is missing: in a git checkout, run `npm install` or `npm run build` first/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
