import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { median } from '../support/percentiles.js'
import type { ResultRow } from '../support/result-row.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { timeToReady } from '../support/time-to-ready.js'
import { PLAIN_HTTP_FLAGS } from '../support/plain-http.js'

const RUNS = 7
const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok'))
  .listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port) })`

interface Starter {
  label: string
  args(): string[]
  samplesMs: number[]
}

async function measure(ctx: CaseContext, starters: Starter[]): Promise<void> {
  for (let run = 0; run < RUNS; run++) {
    for (const starter of starters) starter.samplesMs.push((await timeToReady(starter.args())).ms)
  }
  for (const s of starters) ctx.log(`  ${s.label}: ${s.samplesMs.map((ms) => ms.toFixed(0)).join(', ')} ms`)
}

export const startupTime: BenchCase = {
  name: 'process start to ready',
  async run(ctx) {
    // bin/watchplane.js runs the build in dist/ (npm install builds it), as `npm start` does.
    const ours: Starter = {
      label: 'watchplane (bin/watchplane.js, fresh data dir)',
      args: () => ['bin/watchplane.js', '--port', '0', '--data-dir', makeTempDir('startup'), ...PLAIN_HTTP_FLAGS],
      samplesMs: [],
    }
    const bare: Starter = { label: 'bare node -e http server', args: () => ['-e', BARE_SERVER], samplesMs: [] }
    const bareTsx: Starter = { label: 'bare server under --import tsx', args: () => ['--import', 'tsx', '-e', BARE_SERVER], samplesMs: [] }
    const oursTsx: Starter = {
      label: 'watchplane under tsx (npm run dev)',
      args: () => ['--import', 'tsx', 'src/main.ts', '--port', '0', '--data-dir', makeTempDir('startup'), ...PLAIN_HTTP_FLAGS],
      samplesMs: [],
    }
    await measure(ctx, [ours, bare, oursTsx, bareTsx])
    const row = { case: `start → ready (median of ${RUNS})`, unit: 'ms', ours: median(ours.samplesMs) }
    const rows: ResultRow[] = [
      { ...row, reference: median(bare.samplesMs), referenceLabel: 'bare node -e', goal: { type: 'ours-below', value: 500 } },
      { case: 'start → ready under tsx', unit: 'ms', ours: median(oursTsx.samplesMs), reference: median(bareTsx.samplesMs), referenceLabel: 'bare, --import tsx' },
    ]
    return rows
  },
}
