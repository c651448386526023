#!/usr/bin/env node
// The `watchplane` command. Runs the compiled build (dist/, made by `npm run build`, which
// `npm install` runs) for a fast start; falls back to the TypeScript sources through tsx.
import { existsSync } from 'node:fs'

const built = new URL('../dist/src/main.js', import.meta.url)
if (existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/main.ts')
}
