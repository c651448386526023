import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { buildOpenApiV3, prebuiltSchemasOf } from './openapi-v3.js'
import { PREBUILT_SCHEMAS_FILE, serializePrebuiltSchemas, type PrebuiltSchemas } from './prebuilt-schemas.js'

const BUILT_IN = BUILTIN_RESOURCES.filter((d) => !d.isCustom)
const prebuilt = prebuiltSchemasOf(BUILT_IN)
const NONE = mkdtempSync(join(tmpdir(), 'wp-prebuilt-none-'))

function dirWith(file: PrebuiltSchemas): string {
  const dir = mkdtempSync(join(tmpdir(), 'wp-prebuilt-'))
  writeFileSync(join(dir, PREBUILT_SCHEMAS_FILE), serializePrebuiltSchemas(file))
  return dir
}

/** the file with one schema's description changed, so a test can tell which source was read */
function marked(file: PrebuiltSchemas, description: string): PrebuiltSchemas {
  const name = 'io.k8s.api.core.v1.ConfigMap'
  return { ...file, schemas: { ...file.schemas, [name]: { ...file.schemas[name]!, description } } }
}
const configMapDescription = (dir: string) => buildOpenApiV3(BUILT_IN, { prebuiltDir: dir }).schemas()['io.k8s.api.core.v1.ConfigMap']!.description

test('the schemas the build writes are the schemas built from the package, and survive JSON unchanged', () => {
  const built = buildOpenApiV3(BUILT_IN, { prebuiltDir: NONE }).schemas()
  assert.deepStrictEqual(JSON.parse(JSON.stringify(prebuilt.schemas)), built)
  assert.deepStrictEqual(prebuilt.schemas, JSON.parse(JSON.stringify(built)))
})

test('a prebuilt file for the same package version and roots is read instead of building', () => {
  assert.equal(configMapDescription(dirWith(marked(prebuilt, 'from the file'))), 'from the file')
})

test('a prebuilt file for another package version or other roots is ignored, and the schemas are built', () => {
  const built = configMapDescription(NONE)
  assert.equal(configMapDescription(dirWith(marked({ ...prebuilt, modelsVersion: '0.0.0' }, 'stale'))), built)
  assert.equal(configMapDescription(dirWith(marked({ ...prebuilt, roots: prebuilt.roots.slice(1) }, 'stale'))), built)
})

test("the build's layout (the key, then one schema a line, ASCII only) reads back as the same frozen schemas", () => {
  const dir = mkdtempSync(join(tmpdir(), 'wp-prebuilt-lines-'))
  const text = serializePrebuiltSchemas(marked(prebuilt, 'from the lines \u2019'))
  writeFileSync(join(dir, PREBUILT_SCHEMAS_FILE), text)
  assert.match(text, /^[\x00-\x7f]*$/)
  const read = buildOpenApiV3(BUILT_IN, { prebuiltDir: dir }).schemas()
  assert.equal(read['io.k8s.api.core.v1.ConfigMap']!.description, 'from the lines \u2019')
  assert.ok(Object.isFrozen(read['io.k8s.api.core.v1.Pod']!.properties))
  assert.equal(read['io.k8s.api.core.v1.Pod'], read['io.k8s.api.core.v1.Pod'])
  assert.deepStrictEqual({ ...read }, JSON.parse(JSON.stringify(marked(prebuilt, 'from the lines \u2019').schemas)))
})

test('each schema is read from the file when first used: a file rewritten since the start is an error, not another schema', () => {
  const dir = dirWith(prebuilt)
  const read = buildOpenApiV3(BUILT_IN, { prebuiltDir: dir }).schemas()
  const pod = read['io.k8s.api.core.v1.Pod']
  // a longer key line: every schema's line moves
  writeFileSync(join(dir, PREBUILT_SCHEMAS_FILE), serializePrebuiltSchemas({ ...prebuilt, modelsVersion: `${prebuilt.modelsVersion}-rebuilt` }))
  assert.equal(read['io.k8s.api.core.v1.Pod'], pod)
  assert.throws(() => read['io.k8s.api.core.v1.Service'], /changed while the server ran/)
})
