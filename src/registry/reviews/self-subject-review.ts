import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { Strategy } from '../strategy.js'
import type { RequestScope } from '../request-scope.js'
import { toTimestamp } from '../store-context.js'

/**
 * POST /apis/authentication.k8s.io/v1/selfsubjectreviews (kubectl auth whoami): who the request
 * is from, as authentication (and impersonation) decided; nothing stored (k8s:
 * pkg/registry/authentication/selfsubjectreview/rest.go).
 */
export const selfSubjectReviewStrategy: Strategy = {
  answerCreate: ({ scope }) => selfSubjectReview(scope.user),
}

function selfSubjectReview(user: RequestScope['user']): KubeObject {
  if (!user) throw badRequest('no user present on request')
  const extra = user.extra ?? {}
  const review: KubeObject = {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: toTimestamp(Date.now()) },
    status: {
      userInfo: {
        username: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        ...(user.groups.length ? { groups: [...user.groups] } : {}),
        ...(Object.keys(extra).length ? { extra } : {}),
      },
    },
  }
  return review
}
