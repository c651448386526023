/** Who a request is from, as authentication decided (k8s.io/apiserver pkg/authentication/user.Info). */
export interface UserInfo { name: string; uid?: string; groups: readonly string[]; extra?: Readonly<Record<string, readonly string[]>> }
