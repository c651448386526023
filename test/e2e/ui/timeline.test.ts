import { join } from 'node:path'
import { tmpdir } from 'node:os'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'

// The timeline UI (docs/timeline-ui.md) in Debian's chromium: lanes, a diff, filters, live marks.

const CHROMIUM_PATH = '/usr/bin/chromium'
// No browser download and no outside network here: these flags keep chromium from reaching out.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
// The committed screenshot is refreshed only on request (WATCHPLANE_SCREENSHOT=1), so test runs leave the tree clean.
const SCREENSHOT_PATH = process.env.WATCHPLANE_SCREENSHOT === '1'
  ? fileURLToPath(new URL('../../../docs/timeline-ui.png', import.meta.url))
  : join(tmpdir(), `watchplane-timeline-${process.pid}.png`)
const PAGE_TIMEOUT_MS = 10_000
const UI_TOKEN = 'timeline-ui-token'

const hasChromium = existsSync(CHROMIUM_PATH)
const NO_CHROMIUM = `${CHROMIUM_PATH} is not installed (apt-get install chromium)`

// .ci/run installs chromium, so under CI its absence fails here instead of skipping quietly.
test('chromium is installed for the UI test', { skip: hasChromium || process.env.CI === 'true' ? false : NO_CHROMIUM }, () => {
  assert.ok(hasChromium, `${NO_CHROMIUM}; .ci/run installs it`)
})

type Body = Record<string, unknown>

/** Writes through the API as named field managers; each call resolves with the revision it committed. */
function writerFor(wp: RunningWatchplane) {
  const write = async (method: string, path: string, init: { body?: Body; contentType?: string } = {}) => {
    const response = await request(wp.url, path, { method, ...init })
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`)
    // A delete answers with a Status; nothing else writes meanwhile, so the newest revision is its own.
    return method === 'DELETE' ? wp.currentRevision() : Number(response.body.metadata.resourceVersion)
  }
  return {
    create: (path: string, body: Body, manager = 'kubectl-client-side-apply') => write('POST', `${path}?fieldManager=${manager}`, { body }),
    patch: (path: string, body: Body, manager: string) =>
      write('PATCH', `${path}?fieldManager=${manager}`, { body, contentType: 'application/merge-patch+json' }),
    remove: (path: string) => write('DELETE', path),
  }
}

const SHOP = '/api/v1/namespaces/shop'
const APPS = '/apis/apps/v1/namespaces/shop'
const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases'
const pod = (name: string, image = 'nginx:1.27') =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name.split('-')[0]! } }, spec: { containers: [{ name: 'main', image }] } })
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } } }

/** A small deploy as a cluster would log it; returns the revisions the test looks for. */
async function writeStory(wp: RunningWatchplane) {
  const { create, patch, remove } = writerFor(wp)
  const renewLease = (second: number) => patch(`${LEASES}/kube-controller-manager`, { spec: { renewTime: `2026-01-01T00:00:0${second}.000000Z` } }, 'kube-controller-manager')
  const setPhase = (name: string, phase: string) => patch(`${SHOP}/pods/${name}/status`, { status: { phase, podIP: '10.244.0.12' } }, 'kubelet')
  await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })
  await create(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-controller-manager' }, spec: { holderIdentity: 'cp-1', leaseDurationSeconds: 15 } }, 'kube-controller-manager')
  await create(`${SHOP}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { LOG_LEVEL: 'info', CACHE_TTL: '60s' } })
  await create(`${SHOP}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials' }, type: 'Opaque', data: { password: 'czNjcjN0' } })
  await create(`${APPS}/deployments`, deployment)
  await create(`${SHOP}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } })
  await create(`${SHOP}/pods`, pod('web-5d8f7c9b6-x2k9p'), 'kube-controller-manager')
  await renewLease(1)
  await setPhase('web-5d8f7c9b6-x2k9p', 'Running')
  const scaleRevision = await patch(`${APPS}/deployments/web`, { spec: { replicas: 3 } }, 'kubectl-scale')
  for (const name of ['web-5d8f7c9b6-a1b2c', 'web-5d8f7c9b6-q8w7e']) await create(`${SHOP}/pods`, pod(name), 'kube-controller-manager')
  await renewLease(2)
  for (const name of ['web-5d8f7c9b6-a1b2c', 'web-5d8f7c9b6-q8w7e']) await setPhase(name, 'Running')
  const configRevision = await patch(`${SHOP}/configmaps/app-config`, { data: { LOG_LEVEL: 'debug' } }, 'kubectl-edit')
  await create(`${SHOP}/pods`, pod('db-migrate-7xk2p', 'shop/migrate:42'), 'job-controller')
  await setPhase('db-migrate-7xk2p', 'Running')
  await renewLease(3)
  await setPhase('db-migrate-7xk2p', 'Succeeded')
  await remove(`${SHOP}/pods/db-migrate-7xk2p`)
  await patch(`${APPS}/deployments/web`, { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27.3' }] } } } }, 'kubectl-set')
  await create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags' }, data: { checkout_v2: 'false' } })
  await patch('/api/v1/namespaces/default/configmaps/feature-flags', { data: { checkout_v2: 'true' } }, 'kubectl-edit')
  await renewLease(4)
  const deleteRevision = await remove('/api/v1/namespaces/default/configmaps/feature-flags')
  return { scaleRevision, configRevision, deleteRevision }
}

const LANES = [
  'namespaces//shop', 'coordination.k8s.io/leases/kube-system/kube-controller-manager', 'configmaps/shop/app-config',
  'secrets/shop/db-credentials', 'apps/deployments/shop/web', 'services/shop/web', 'pods/shop/web-5d8f7c9b6-x2k9p',
  'pods/shop/db-migrate-7xk2p', 'configmaps/default/feature-flags',
]

describe('timeline UI at /ui', { skip: hasChromium ? false : NO_CHROMIUM }, () => {
  let wp: RunningWatchplane
  let browser: Browser
  let page: Page
  let story: Awaited<ReturnType<typeof writeStory>>
  const pageErrors: string[] = []
  // the 401s that make the page ask for a token are expected; none after signing in
  let isSignedOut = true
  const foreignRequests: string[] = []
  const lane = (key: string) => page.locator(`.lane[data-lane="${key}"]`)
  const mark = (revision: number) => page.locator(`.mark[data-revision="${revision}"]`)

  before(async () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'ui-tokens-')), 'tokens.csv')
    writeFileSync(tokenFile, `${UI_TOKEN},timeline-viewer,ui-1,"system:masters"\n`)
    wp = await startServer({ tokenAuthFile: tokenFile })
    story = await writeStory(wp)
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    // The browser has no client certificate and does not know the cluster CA: it signs in with a token.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true })
    page.setDefaultTimeout(PAGE_TIMEOUT_MS)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => void (message.type() === 'error' && !(isSignedOut && /status of 401/.test(message.text())) && pageErrors.push(message.text())))
    page.on('request', (r) => void (!r.url().startsWith(wp.url) && !r.url().startsWith('data:') && foreignRequests.push(r.url())))
    await page.goto(`${wp.url}/ui`)
    // Without credentials the page loads, is refused its data (401), and asks for a token.
    await page.locator('#sign-in').waitFor()
    await page.fill('#sign-in input[name="token"]', UI_TOKEN)
    isSignedOut = false
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('#live-state[data-state="live"]').waitFor()
    assert.ok(await page.locator('#sign-in').isHidden())
  })

  after(async () => {
    await browser?.close()
    await wp?.close()
  })

  test('draws one lane per object, grouped by kind', async () => {
    for (const key of LANES) await lane(key).waitFor()
    const groups = await page.locator('.group-header .group-title').allTextContents()
    for (const kind of ['ConfigMap', 'Deployment', 'Lease', 'Namespace', 'Pod', 'Secret', 'Service']) {
      assert.ok(groups.some((g) => g.startsWith(kind)), `no ${kind} group in ${groups.join(' | ')}`)
    }
    assert.equal(await mark(story.deleteRevision).getAttribute('data-type'), 'DELETED')
    assert.match(await mark(story.scaleRevision).getAttribute('title') ?? '', /Deployment shop\/web · MODIFIED · revision \d+/)
  })

  test('clicking a MODIFIED mark shows the object at that revision and its diff', async () => {
    await mark(story.scaleRevision).click()
    const line = page.locator('#detail .diff-line', { hasText: '/spec/replicas' })
    assert.equal((await line.textContent())?.replace(/\s+/g, ' '), '~ /spec/replicas 1 → 3')
    assert.match(await page.locator('#detail .json').textContent() ?? '', /"replicas": 3/)
    const facts = await page.locator('#detail .facts').textContent() ?? ''
    assert.match(facts, /kubectl-scale/)
    assert.match(facts, /User\s*kubernetes-admin/, 'who made the change')
    assert.match(page.url(), new RegExp(`revision=${story.scaleRevision}`))
  })

  test('arrow keys walk along a lane', async () => {
    await mark(story.configRevision).click()
    await page.locator('#detail .diff-line', { hasText: '/data/LOG_LEVEL' }).waitFor()
    await page.keyboard.press('ArrowLeft')
    await page.locator('#detail .detail-title .badge[data-type="ADDED"]').waitFor()
    await page.keyboard.press('ArrowRight')
    assert.match(await page.locator('#detail .diff').textContent() ?? '', /"info"\s*→\s*"debug"/)
  })

  test('filters by kind, namespace and name', async () => {
    await page.selectOption('select[name="kind"]', 'configmaps')
    await lane('apps/deployments/shop/web').waitFor({ state: 'detached' })
    // The story's two, and the kube-root-ca.crt every namespace holds (default, kube-system, kube-public, kube-node-lease, shop).
    const configMapLanes = await page.locator('.lane').evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-lane')))
    assert.deepEqual(configMapLanes.filter((key) => !key?.endsWith('/kube-root-ca.crt')).sort(), ['configmaps/default/feature-flags', 'configmaps/shop/app-config'])
    assert.equal(configMapLanes.length, 7)
    await page.selectOption('select[name="namespace"]', 'shop')
    await lane('configmaps/default/feature-flags').waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.fill('input[name="name"]', 'web-5d8')
    await lane('services/shop/web').waitFor({ state: 'detached' })
    assert.equal(await page.locator('.lane').count(), 3)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await lane('services/shop/web').waitFor()
  })

  test('new writes appear live: in their lanes, in a new lane, and deletions', async () => {
    const { create, patch, remove } = writerFor(wp)
    const written = [
      { lane: 'apps/deployments/shop/web', type: 'MODIFIED', revision: await patch(`${APPS}/deployments/web`, { spec: { replicas: 4 } }, 'kubectl-scale') },
      { lane: 'pods/shop/web-5d8f7c9b6-m4n5p', type: 'ADDED', revision: await create(`${SHOP}/pods`, pod('web-5d8f7c9b6-m4n5p', 'nginx:1.27.3'), 'kube-controller-manager') },
      { lane: 'pods/shop/web-5d8f7c9b6-x2k9p', type: 'DELETED', revision: await remove(`${SHOP}/pods/web-5d8f7c9b6-x2k9p`) },
    ]
    for (const w of written) await lane(w.lane).locator(`.mark[data-revision="${w.revision}"][data-type="${w.type}"]`).waitFor()
  })

  test('loads nothing from elsewhere and logs no errors', () => {
    assert.deepEqual(foreignRequests, [])
    assert.deepEqual(pageErrors, [])
  })

  test('screenshot: a selected mark with its diff (docs/timeline-ui.png)', async () => {
    await mark(story.scaleRevision).click()
    await page.locator('#detail .diff-line', { hasText: '/spec/replicas' }).waitFor()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: SCREENSHOT_PATH, animations: 'disabled' })
  })
})
