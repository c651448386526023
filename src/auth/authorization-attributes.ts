import type { UserInfo } from './user-info.js'

/** What a request asks to do (k8s.io/apiserver pkg/authorization/authorizer.Attributes). */
export interface AuthorizationAttributes {
  user: UserInfo
  /** get list watch create update patch delete deletecollection; impersonate, escalate, bind; or an HTTP verb lowercased for non-resource requests */
  verb: string
  isResourceRequest: boolean
  /** for non-resource requests: the URL path */
  path?: string
  apiGroup?: string; apiVersion?: string; resource?: string; subresource?: string; namespace?: string; name?: string
}
export interface AuthorizationDecision { allowed: boolean; /** why not, or which rule allowed, for audit */ reason: string }
export interface Authorizer { authorize(attributes: AuthorizationAttributes): AuthorizationDecision }
