import { defaultPersistentVolumeClaim } from '../defaults/claim-defaults.js'
import type { Strategy } from '../strategy.js'
import { initialStatus } from './initial-status.js'

// Claims (k8s: pkg/registry/core/persistentvolumeclaim/strategy.go): PrepareForCreate resets the
// status, which kube's defaulting on read then shows as Pending. No volume controller binds them.
export const persistentVolumeClaimStrategy: Strategy = { applyDefaults: defaultPersistentVolumeClaim, ...initialStatus({}) }
