import { defineConfig } from 'tsup'

// The server is shipped as one ESM bundle with its dependencies (issue #11): loading ~700 separate
// modules was most of what start-up cost. tsc still checks the types and writes the .d.ts files
// beside the bundle (npm run build). Entries keep the paths package.json's bin and exports name.
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    'start-watchplane': 'src/start-watchplane.ts',
    'client/watchplane-client': 'src/client/watchplane-client.ts',
  },
  outDir: 'dist/src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks shared by the entries, and one per dynamic import(): what loads on demand today
  // (the CLI's tools, CEL, the certificate writer) still loads on demand.
  splitting: true,
  sourcemap: true,
  clean: true,
  // `npm pack --json` prints its report on the same stdout as the prepare script: a build says nothing.
  silent: true,
  // Less source for V8 to read and keep: about 70 ms of CPU and 5 MB of RSS at start. Names are
  // kept (logs show error types, stack traces name functions); `node --enable-source-maps` maps lines.
  esbuildOptions(options) {
    options.minifyWhitespace = true
    options.minifySyntax = true
  },
  // tsup leaves every dependency external by default; bundle them, except the native addon
  // (better-sqlite3) and the PostgreSQL driver. What is imported lazily (CEL, the certificate
  // writer, the token signer) lands in its own chunk, loaded on first use as before.
  noExternal: [/^(?!(better-sqlite3|pg)(\/|$))/],
  // CommonJS dependencies inside an ESM bundle call require() for node's built-ins.
  banner: { js: "import { createRequire as __watchplaneCreateRequire } from 'node:module'; const require = __watchplaneCreateRequire(import.meta.url);" },
})
