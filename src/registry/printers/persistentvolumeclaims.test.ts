import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { persistentVolumeClaimPrinter } from './persistentvolumeclaims.js'

const now = Date.parse('2025-06-01T12:00:00Z')

test('a bound claim shows capacity and access modes', () => {
  const pvc: KubeObject = {
    metadata: { name: 'data', creationTimestamp: '2025-06-01T11:00:00Z' },
    spec: { volumeName: 'pv-1', storageClassName: 'standard', volumeMode: 'Filesystem' },
    status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'] },
  }
  assert.deepEqual(persistentVolumeClaimPrinter.cells(pvc, now), ['data', 'Bound', 'pv-1', '1Gi', 'RWO,RWX', 'standard', '<unset>', '60m', 'Filesystem'])
})

test('a pending claim being deleted, class from the beta annotation', () => {
  const pvc: KubeObject = {
    metadata: { name: 'data', deletionTimestamp: '2025-06-01T11:59:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
    spec: { storageClassName: 'standard' },
    status: { phase: 'Pending', capacity: { storage: '1Gi' } },
  }
  assert.deepEqual(persistentVolumeClaimPrinter.cells(pvc, now), ['data', 'Terminating', '', '', '', 'old', '<unset>', '<unknown>', '<unset>'])
})
