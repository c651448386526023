import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { rememberServerFromKubeconfig } from '../../support/server-credentials.js'
import { request } from '../../support/start-server.js'
import { installInFreshProject, packCheckout, REPO_DIR, run, startUntil, type PackedPackage } from './package-project.js'

// The package as a new user gets it: `npm pack`, an empty project, `npm install <tarball>`; then the
// command (`npx watchplane`) and the library (`import { startWatchplane } from 'watchplane'`), each
// serving the real kubectl, and the published types checked by tsc.

const SERVING = /watchplane is serving (\S+)\n\s+export KUBECONFIG=(\S+)\n/
const kubectl = kubectlAvailability()

async function namespacesVia(kubeconfigPath: string): Promise<string[]> {
  const out = await new Kubectl(kubeconfigPath).ok(['get', 'ns', '-o', 'name'])
  return out.trim().split('\n').sort()
}

describe('the packed package, installed in an empty project', () => {
  let workDir: string
  let packed: PackedPackage
  let appDir: string

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'watchplane-package-'))
    packed = await packCheckout(workDir)
    const installed = await installInFreshProject(workDir, packed.tarball)
    appDir = installed.appDir
    process.stdout.write(`# npm pack (with its build): ${Math.round(packed.packMs)} ms; npm install of the tarball: ${Math.round(installed.installMs)} ms\n`)
  })
  after(() => rmSync(workDir, { recursive: true, force: true }))

  test('the tarball holds the build, its types and the runtime assets, and nothing else', () => {
    for (const file of ['bin/watchplane.js', 'dist/src/main.js', 'dist/src/start-watchplane.js', 'dist/src/start-watchplane.d.ts',
      'dist/src/client/watchplane-client.js', 'dist/src/client/watchplane-client.d.ts', 'migrations/0001_event_log.sql', 'migrations/postgres/0001_event_log.sql',
      'src/ui/static/index.html', 'package.json', 'README.md']) {
      assert.ok(packed.files.includes(file), `${file} is packed`)
    }
    const stray = packed.files.filter((f) => !/^(dist\/src\/.+\.(js|d\.ts|json)|src\/ui\/static\/[^/]+|migrations\/(postgres\/)?[^/]+\.sql|bin\/watchplane\.js|package\.json|README\.md)$/.test(f))
    assert.deepEqual(stray, [], 'no tests, bench, CI, lint, docs or TypeScript sources')
    assert.deepEqual(packed.files.filter((f) => f.includes('.test.') || f.includes('.fixture.')), [])
  })

  test('the installed runtime holds no build tools', () => {
    const manifest = JSON.parse(readFileSync(join(appDir, 'node_modules/watchplane/package.json'), 'utf8'))
    for (const tool of ['tsx', 'typescript', 'esbuild', 'eslint']) {
      assert.equal(manifest.dependencies[tool], undefined, `${tool} is no runtime dependency`)
      assert.throws(() => readFileSync(join(appDir, 'node_modules', tool, 'package.json')), `${tool} was not installed`)
    }
  })

  test('npx watchplane is ready as fast as the built checkout, and kubectl uses the kubeconfig it prints', { skip: kubectl.skip }, async () => {
    const flags = (dir: string) => ['--port', '0', '--data-dir', join(workDir, dir)]
    const readyMs = async (command: string, args: string[], cwd: string) => {
      const started = await startUntil(command, args, { cwd, ready: SERVING })
      assert.equal(await started.stop(), 0, `${command} ${args.join(' ')} stops cleanly`)
      return started.readyMs
    }
    const checkoutMs = await readyMs(process.execPath, ['bin/watchplane.js', ...flags('checkout-data')], packed.checkoutDir)
    const installedMs = await readyMs(process.execPath, ['node_modules/.bin/watchplane', ...flags('installed-data')], appDir)
    const npx = await startUntil('npx', ['watchplane', ...flags('npx-data')], { cwd: appDir, ready: SERVING })
    try {
      process.stdout.write(`# ready: built checkout ${Math.round(checkoutMs)} ms, installed package ${Math.round(installedMs)} ms, npx watchplane ${Math.round(npx.readyMs)} ms\n`)
      // The same launcher, so the same start: the tsx fallback this replaces added more than a second.
      assert.ok(installedMs < checkoutMs * 1.5 + 300, `installed ${installedMs} ms against the checkout's ${checkoutMs} ms`)
      // npx adds npm's own start on top (it reads the project's whole tree): about a second on this machine.
      assert.ok(npx.readyMs < checkoutMs + 4000, `npx ${npx.readyMs} ms against the checkout's ${checkoutMs} ms`)
      assert.deepEqual(await namespacesVia(npx.match[2]!), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system'])
      // A list at a past revision reads through a SQLite connection of its own, opened then: its addon must load from the bundle too.
      const past = JSON.parse(await new Kubectl(npx.match[2]!).ok(['get', '--raw', '/api/v1/namespaces?resourceVersion=1&resourceVersionMatch=Exact'])) as { kind: string; metadata: { resourceVersion: string } }
      assert.deepEqual([past.kind, past.metadata.resourceVersion], ['NamespaceList', '1'])
      // over https, trusting the CA its kubeconfig carries
      const ui = await request(rememberServerFromKubeconfig(npx.match[1]!, npx.match[2]!), '/ui/')
      assert.equal(ui.status, 200, 'the UI is served from the installed package')
      assert.match(ui.text, /<html/i)
    } finally {
      await npx.stop()
    }
  })

  test("import { startWatchplane } from 'watchplane' starts a server that kubectl can use", { skip: kubectl.skip }, async () => {
    writeFileSync(join(appDir, 'start.mjs'), [
      "import { startWatchplane } from 'watchplane'",
      'const wp = await startWatchplane()',
      'process.stdout.write(JSON.stringify({ url: wp.url, kubeconfigPath: wp.kubeconfigPath }) + "\\n")',
      'process.stdin.resume()',
      "process.stdin.on('end', async () => { await wp.close(); process.exit(0) })",
    ].join('\n'))
    const started = await startUntil(process.execPath, ['start.mjs'], { cwd: appDir, ready: /^(\{.*\})\n/, stdin: 'pipe' })
    const { kubeconfigPath } = JSON.parse(started.match[1]!) as { kubeconfigPath: string }
    assert.ok((await namespacesVia(kubeconfigPath)).includes('namespace/default'))
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)))
    started.child.stdin!.end()
    assert.equal(await exited, 0, 'close() ends the server and the script')
  })

  test('the published types resolve for both entry points (tsc --noEmit, strict, no SQLite or node typings)', async () => {
    writeFileSync(join(appDir, 'check.ts'), [
      "import { startWatchplane, type RunningWatchplane, type StartOptions } from 'watchplane'",
      "import { connectWatchplane, type WatchplaneConnection } from 'watchplane/client'",
      "const options: StartOptions = { port: 0, durability: 'normal' }",
      'const wp: RunningWatchplane = await startWatchplane(options)',
      'const connection: WatchplaneConnection = connectWatchplane({ url: wp.url })',
      '// @ts-expect-error the options are typed, not any',
      "await startWatchplane({ port: 'none' })",
      'connection.close()',
      'await wp.close()',
    ].join('\n'))
    writeFileSync(join(appDir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] },
      files: ['check.ts'],
    }))
    const tsc = await run(process.execPath, [join(REPO_DIR, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: appDir })
    assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr)
  })
})
