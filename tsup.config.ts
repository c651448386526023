import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { defineConfig, type Options } from 'tsup'

// resolves the lazy modules' entries as the bundles' imports of them resolve
const fromProject = createRequire(join(process.cwd(), 'package.json'))

// esbuild's plugin type, as tsup takes it (esbuild is tsup's dependency, not ours)
type Plugin = NonNullable<Options['esbuildPlugins']>[number]

// express re-exports body-parser (express.json() and friends), whose text decoding pulls in
// iconv-lite with every code page: a quarter of the bundle, compiled and kept at every start.
// watchplane reads bodies itself (src/http/middleware/body.ts) and calls none of them.
const withoutBodyParser: Plugin = {
  name: 'without-body-parser',
  setup(build) {
    build.onResolve({ filter: /^body-parser$/ }, () => ({ path: 'body-parser', namespace: 'unbundled' }))
    build.onLoad({ filter: /.*/, namespace: 'unbundled' }, () => ({
      loader: 'js',
      contents: `const unbundled = () => { throw new Error('watchplane bundles no body-parser: express.json() and friends are unavailable') }
        module.exports = Object.assign(unbundled, { json: unbundled, raw: unbundled, text: unbundled, urlencoded: unbundled })`,
    }))
  },
}

// Dependencies required at load for what only some requests use: mime-types builds its tables from
// mime-db's 2,500 types (~15 ms and ~1 MB of heap), qs serves only express's 'extended' query parser
// (express 5 defaults to 'simple'), prom-client's process CPU metric reads the OpenTelemetry API only
// for exemplars (off here). Each is bundled apart, as a CommonJS file of its own in dist/src/lazy/
// (the lazy build below; a package.json there says its .js files are CommonJS), behind a stand-in
// with the members its importers use (only prom-client imports @opentelemetry/api), which requires
// that file the first time one is used. Bundled in the
// start's chunk, their ~290 KB of source was read and kept at every start (mime-db's table alone is
// 160 KB of text), and V8's preparser interns every name a script declares, used or not: ~900
// strings more in V8's string table, whose growth past 21,845 entries doubles it (+0.5 MB of RSS).
const LAZY_MODULES: Record<string, { functions: string[]; objects: string[] }> = {
  'mime-types': { functions: ['charset', 'contentType', 'extension', 'lookup'], objects: ['charsets', 'extensions', 'types', '_extensionConflicts'] },
  qs: { functions: ['parse', 'stringify'], objects: ['formats'] },
  '@opentelemetry/api': { functions: [], objects: ['context', 'trace'] },
}
const LAZY_DIR = 'lazy'
/** the file a lazy module is bundled to, in dist/src/lazy/: `@opentelemetry/api` → `opentelemetry-api.js` */
const lazyFileOf = (name: string) => name.replace(/^@/, '').replace(/\//g, '-')
/** `fromOutDir`: the way from the build's output directory (where its chunks are) to dist/src/ */
const lazyModules = (fromOutDir: string): Plugin => ({
  name: 'lazy-modules',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_MODULES).join('|')})$`)
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy' }))
    // The stand-in's require is node's, at run time (the banner's), from the chunk's directory.
    build.onResolve({ filter: /.*/, namespace: 'lazy' }, (args) => ({ path: args.path, external: true }))
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path: name }) => {
      const { functions, objects } = LAZY_MODULES[name]
      const file = `${fromOutDir}${LAZY_DIR}/${lazyFileOf(name)}.js`
      return {
        loader: 'js',
        contents: [
          `let real; const load = () => (real ??= require(${JSON.stringify(file)}))`,
          ...functions.map((name) => `exports.${name} = (...args) => load().${name}(...args)`),
          ...objects.map((name) => `Object.defineProperty(exports, '${name}', { enumerable: true, get: () => load().${name} })`),
        ].join('\n'),
      }
    })
  },
})

// A large JSON file (mime-db, the protobuf message table) as JSON.parse of one string, not an object
// literal: V8 scans a string literal and parses JSON faster than it compiles the literal (v8.dev/blog/cost-of-javascript-2019).
const LARGE_JSON_BYTES = 10_000
const jsonAsParse: Plugin = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8')
      if (text.length < LARGE_JSON_BYTES) return undefined
      return { loader: 'js', contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))})` }
    })
  },
}

// The CLI's tools (`watchplane history|replay|export|import`) run in processes of their own, never
// beside a server. Bundled with the server they would share chunks with it, and every chunk the
// server's imports cross costs node's ESM loader a resolution at start (it was 17 files, 49 imports;
// enough path work for V8 to optimize node's path functions, paging in TurboFan: ~4 MB of RSS).
// So they are a second build into dist/src/cli/, where main.js imports them from (its import() stays
// as written, './cli/<tool>-command.js'). Each build has its own copy of what both use (CliError: main.ts knows it by name).
const TOOLS = ['history', 'replay', 'export', 'import'].map((tool) => `${tool}-command`)
const toolsApart: Plugin = {
  name: 'tools-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./cli/(${TOOLS.join('|')})\\.js$`) }, ({ path }) => ({ path, external: true }))
  },
}

const bundle = {
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks shared by the entries, and one per dynamic import(): what loads on demand (CEL, the
  // certificate writer, PostgreSQL, ws) stays out of what a start compiles.
  splitting: true,
  sourcemap: true,
  // `npm pack --json` prints its report on the same stdout as the prepare script: a build says nothing.
  silent: true,
  // Less source for V8 to read and keep: about 70 ms of CPU and 5 MB of RSS at start. Names are
  // kept (logs show error types, stack traces name functions); `node --enable-source-maps` maps lines.
  esbuildOptions(options) {
    options.minifyWhitespace = true
    options.minifySyntax = true
  },
  // tsup leaves every dependency external by default; bundle them, except the PostgreSQL driver.
  // better-sqlite3's JavaScript is bundled too (its 15 files cost node's CommonJS loader more than
  // their size): only its addon is loaded from node_modules (connect() in open-database.ts). What is
  // imported lazily (CEL, the certificate writer, the token signer) lands in its own chunk, loaded on first use as before.
  noExternal: [/^(?!(pg)(\/|$))/],
  // CommonJS dependencies inside an ESM bundle call require() for node's built-ins.
  banner: { js: "import { createRequire as __watchplaneCreateRequire } from 'node:module'; const require = __watchplaneCreateRequire(import.meta.url);" },
} satisfies Options

// The server is shipped bundled with its dependencies (issue #11): loading ~700 separate modules
// was most of what start-up cost. tsc still checks the types and writes the .d.ts files
// beside the bundle (npm run build). Entries keep the paths package.json's bin and exports name.
export default defineConfig([
  {
    ...bundle,
    entry: {
      main: 'src/main.ts',
      'start-watchplane': 'src/start-watchplane.ts',
      'client/watchplane-client': 'src/client/watchplane-client.ts',
      // the child process a first start makes its certificates in (src/auth/tls/make-certificates-apart.ts)
      'certificate-maker-process': 'src/auth/tls/certificate-maker-process.ts',
    },
    outDir: 'dist/src',
    // The builds run at once: this one leaves the tools' and the lazy modules' directories to the others.
    clean: ['!cli/**', `!${LAZY_DIR}/**`],
    esbuildPlugins: [toolsApart, withoutBodyParser, lazyModules('./'), jsonAsParse],
  },
  {
    ...bundle,
    entry: Object.fromEntries(TOOLS.map((tool) => [tool, `src/cli/${tool}.ts`])),
    outDir: 'dist/src/cli',
    clean: true,
    esbuildPlugins: [withoutBodyParser, lazyModules('../'), jsonAsParse],
  },
  {
    ...bundle,
    // each a CommonJS file the stand-ins require (lazyModules), sharing nothing
    entry: Object.fromEntries(Object.keys(LAZY_MODULES).map((name) => [lazyFileOf(name), fromProject.resolve(name)])),
    format: 'cjs',
    splitting: false,
    banner: {},
    outDir: `dist/src/${LAZY_DIR}`,
    outExtension: () => ({ js: '.js' }),
    clean: true,
    esbuildPlugins: [jsonAsParse],
    onSuccess: async () => writeFileSync(`dist/src/${LAZY_DIR}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`),
  },
])
