// Run by `npm run build` after tsup: writes the built-in kinds' schemas beside the bundle, where a
// built server reads them instead of building them (src/registry/openapi/prebuilt-schemas.ts).
import { writeFileSync } from 'node:fs'
import { BUILTIN_RESOURCES } from '../src/registry/builtin-resources.js'
import { prebuiltSchemasOf } from '../src/registry/openapi/openapi-v3.js'
import { PREBUILT_SCHEMAS_FILE, serializePrebuiltSchemas } from '../src/registry/openapi/prebuilt-schemas.js'

writeFileSync(`dist/src/${PREBUILT_SCHEMAS_FILE}`, serializePrebuiltSchemas(prebuiltSchemasOf(BUILTIN_RESOURCES.filter((d) => !d.isCustom))))
