import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultPullPolicy, imageTag } from './image-pull-policy.js'

// ParseImageName's tag (k8s: pkg/util/parsers/parsers_test.go and distribution/reference's
// normalize_test.go) and the pull policy SetDefaults_Container derives from it
// (pkg/apis/core/v1/defaults_test.go TestSetDefaultsImagePullPolicy… cases).
const cases: Array<{ image: unknown; tag: string | undefined; policy: string }> = [
  { image: 'nginx', tag: 'latest', policy: 'Always' },
  { image: 'nginx:latest', tag: 'latest', policy: 'Always' },
  { image: 'nginx:1.27', tag: '1.27', policy: 'IfNotPresent' },
  { image: 'docker.io/library/busybox', tag: 'latest', policy: 'Always' },
  { image: 'docker.io/busybox:1.36', tag: '1.36', policy: 'IfNotPresent' },
  { image: 'localhost:5000/app', tag: 'latest', policy: 'Always' },
  { image: 'localhost/app:v2', tag: 'v2', policy: 'IfNotPresent' },
  { image: 'registry.k8s.io/pause:3.10', tag: '3.10', policy: 'IfNotPresent' },
  { image: '[::1]:5000/app:dev', tag: 'dev', policy: 'IfNotPresent' },
  { image: `app@sha256:${'a'.repeat(64)}`, tag: '', policy: 'IfNotPresent' },
  { image: `app:latest@sha256:${'a'.repeat(64)}`, tag: 'latest', policy: 'Always' },
  // Unparsable references: kube ignores the error, and the empty tag is not `latest`.
  { image: 'Nginx', tag: undefined, policy: 'IfNotPresent' },
  { image: 'a'.repeat(64), tag: undefined, policy: 'IfNotPresent' },
  { image: 'nginx:', tag: undefined, policy: 'IfNotPresent' },
  { image: '', tag: undefined, policy: 'IfNotPresent' },
  { image: undefined, tag: undefined, policy: 'IfNotPresent' },
]

for (const c of cases) {
  test(`image ${JSON.stringify(c.image)}: tag ${JSON.stringify(c.tag)}, ${c.policy}`, () => {
    if (typeof c.image === 'string') assert.equal(imageTag(c.image), c.tag)
    assert.equal(defaultPullPolicy(c.image), c.policy)
  })
}
