/** The part of an authenticated user the limits look at (structurally auth/user-info's UserInfo). */
export interface Requester {
  name: string
  groups: readonly string[]
}

/**
 * kube's bootstrap API Priority and Fairness configuration sends system:masters to the `exempt`
 * priority level: no queue, no limit (apiserver pkg/apis/flowcontrol/bootstrap/default.go,
 * FlowSchema "exempt"). The admin kubeconfig stays usable however loaded the server is.
 */
export const isExempt = (requester: Requester): boolean => requester.groups.includes('system:masters')
