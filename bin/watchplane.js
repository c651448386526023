#!/usr/bin/env node
// The `watchplane` command: runs the bundled build in dist/ (tsup). The published package ships it; a git
// checkout builds it in `npm install` (the prepare script) or with `npm run build`.
import { existsSync } from 'node:fs'

const built = new URL('../dist/src/main.js', import.meta.url)
if (!existsSync(built)) {
  process.stderr.write('watchplane: dist/ is missing: in a git checkout, run `npm install` or `npm run build` first\n')
  process.exit(1)
}
await import(built.href)
