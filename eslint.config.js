// Lint: typescript-eslint's recommended rules plus the layering of STYLE.md B2, so a layer
// importing one it must not fails `npm run lint` (and CI) instead of review.
import tseslint from 'typescript-eslint'

const layer = (folder, forbidden, message) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
})

export default tseslint.config(
  { ignores: ['node_modules', 'dist'] },
  ...tseslint.configs.recommended,
  {
    // Storage reads are asynchronous: a Promise used as a condition or dropped unawaited is a bug.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/*.fixture.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // In the bundle, better-sqlite3's own addon search (the `bindings` package) breaks Error.prepareStackTrace
    // for the whole process: every connection opens through connect(), which names the addon's path.
    files: ['src/**/*.ts'],
    ignores: ['src/storage/sqlite/open-database.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='better-sqlite3'][importKind='value'] > ImportDefaultSpecifier",
        message: 'open SQLite connections with connect() from src/storage/sqlite/open-database.ts',
      }],
    },
  },
  layer('storage', ['**/http/**', '**/registry/**', '**/watch/**', '**/wire/**', 'express', 'ws', 'rxjs'], 'storage never imports HTTP, registry, watch or transports'),
  layer('commits', ['**/http/**', '**/registry/**', '**/watch/**', '**/wire/**', '**/storage/**', 'express', 'ws'], 'commits depends on nothing but api'),
  layer('watch', ['**/http/**', '**/registry/**', 'express'], 'watch knows commits, storage (read-only) and the WatchSink type'),
  layer('wire', ['**/http/**', '**/registry/**', '**/storage/**', '**/watch/**', 'rxjs'], 'wire moves bytes only'),
  layer('registry', ['**/http/**', '**/wire/**', 'express', 'ws'], 'registry has no sockets'),
  layer('api', ['**/http/**', '**/registry/**', '**/storage/**', '**/watch/**', '**/wire/**', '**/commits/**', 'express', 'ws', 'rxjs'], 'api is pure vocabulary'),
)
