import type { CustomResourceDefinition } from './crd-types.js'

/**
 * What decoding an apiextensions.k8s.io/v1 CustomResourceDefinition fills in (k8s:
 * apiextensions-apiserver pkg/apis/apiextensions/v1/defaults.go): singular and listKind from the
 * kind, `None` conversion, port 443 of a webhook service, and the storage version as the first
 * stored version.
 */
export function applyCrdDefaults(crd: CustomResourceDefinition): void {
  const spec = crd.spec
  if (!spec || typeof spec !== 'object') return
  const names = spec.names
  if (names && typeof names === 'object') {
    if (!names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase()
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`
  }
  spec.conversion ??= { strategy: 'None' }
  const webhook = spec.conversion.webhook as { clientConfig?: { service?: { port?: number } }; conversionReviewVersions?: string[] } | undefined
  if (webhook?.clientConfig?.service) webhook.clientConfig.service.port ??= 443
  const storage = Array.isArray(spec.versions) ? spec.versions.find((v) => v?.storage) : undefined
  if (storage && !crd.status?.storedVersions?.length) crd.status = { ...crd.status, storedVersions: [storage.name] }
}
