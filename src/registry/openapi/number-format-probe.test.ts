import assert from 'node:assert/strict'
import { test } from 'node:test'
import { locateModelsPackage } from './models-package.js'
import { numberFromSource, probeNumber } from './number-format-probe.js'

const models = locateModelsPackage()
const validatorOf = (group: string, kind: string) => models.validatorOf(models.declarationOfKind({ group, version: 'v1', kind }))

const cases = [
  { name: 'int32', group: 'apps', kind: 'DeploymentSpec', steps: ['replicas'], want: { type: 'integer', format: 'int32' } },
  { name: 'int64', group: '', kind: 'PodSpec', steps: ['activeDeadlineSeconds'], want: { type: 'integer', format: 'int64' } },
  { name: 'list items', group: '', kind: 'PodSecurityContext', steps: ['supplementalGroups', '[]'], want: { type: 'integer', format: 'int64' } },
]

for (const c of cases) {
  test(`probeNumber: ${c.name}`, () => assert.deepEqual(probeNumber(validatorOf(c.group, c.kind), c.steps), c.want))
}

test('numberFromSource reads a generated validator', () => {
  const source =
    'validate=function validate1(data){void 0===data.weight||validate2(data.weight,{instancePath:"/weight"})}' +
    'function validate2(data){if(!("number"==typeof data)){let e={params:{type:"number"}}}}'
  assert.deepEqual(numberFromSource(source, ['weight']), { type: 'number', format: 'double' })
  assert.equal(numberFromSource(source, ['missing']), undefined)
})

test('a path the text cannot follow falls back to running the validator', () => {
  // The fallback loads the validator and asks it; a property it does not know yields no integer errors.
  assert.deepEqual(probeNumber(validatorOf('apps', 'DeploymentSpec'), ['{}']), { type: 'number', format: 'double' })
})
