import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MATRIX_GROUPS, MATRIX_OBJECTS, MATRIX_USERS, matrixCells, type MatrixCell } from '../../../test/fixtures/rbac-matrix.js'
import type { KubeObject } from '../../api/types.js'
import type { AuthorizationAttributes } from '../../auth/authorization-attributes.js'
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.js'
import { RBAC_RESOURCES } from '../../auth/rbac/rbac-index.js'
import { bootstrapIndex } from './bootstrap-index.fixture.js'

// The RBAC matrix (test/fixtures/rbac-matrix.ts) asked of the authorizer directly, over the
// default roles as a started server holds them; the request pipeline runs the same cells end to end.

const authorizer = new RbacAuthorizer(bootstrapIndex(MATRIX_OBJECTS.map((object) => ({
  resource: object.kind === 'Role' ? RBAC_RESOURCES.roles : RBAC_RESOURCES.roleBindings,
  object: object as unknown as KubeObject,
}))))

function attributesOf(cell: MatrixCell): AuthorizationAttributes {
  const user = { name: cell.user, groups: MATRIX_GROUPS }
  if (cell.path !== undefined) return { user, verb: cell.verb, isResourceRequest: false, path: cell.path }
  const r = cell.resource!
  return {
    user, verb: cell.verb, isResourceRequest: true, apiGroup: r.group, apiVersion: r.version, resource: r.resource,
    namespace: r.namespace, ...(r.subresource ? { subresource: r.subresource } : {}), ...(r.name ? { name: r.name } : {}),
  }
}

const describeCell = (cell: MatrixCell) => cell.path !== undefined
  ? `${cell.verb} ${cell.path}`
  : `${cell.verb} ${cell.resource!.group || 'core'}/${cell.resource!.resource}${cell.resource!.subresource ? '/' + cell.resource!.subresource : ''}${cell.resource!.name ? ' ' + cell.resource!.name : ''} in "${cell.resource!.namespace}"`

describe('RBAC matrix against the authorizer', () => {
  const cells = matrixCells()

  test('the matrix covers every user, thousands of questions, both answers', () => {
    assert.ok(cells.length > 2000, `${cells.length} cells`)
    for (const user of Object.keys(MATRIX_USERS)) {
      const mine = cells.filter((c) => c.user === user)
      assert.ok(mine.some((c) => c.allowed) && mine.some((c) => !c.allowed), user)
    }
  })

  for (const user of Object.keys(MATRIX_USERS) as (keyof typeof MATRIX_USERS)[]) {
    test(`${user} (${MATRIX_USERS[user]}): every cell as kube-apiserver answers it`, () => {
      const wrong = cells.filter((c) => c.user === user).filter((c) => authorizer.authorize(attributesOf(c)).allowed !== c.allowed)
      assert.deepEqual(wrong.map((c) => `${c.allowed ? 'should allow' : 'should deny'}: ${describeCell(c)}`), [])
    })
  }
})
