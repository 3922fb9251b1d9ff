import { aggregateClusterStatus, type ClusterStatus, statusForMissingStack } from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'

const ng = (
  name: string,
  role: string,
  isDefault: boolean,
  status: ClusterStatus,
  statusReason?: string,
) => ({
  name,
  role,
  isDefault,
  status,
  statusReason,
})

describe('status aggregation (§6 "Cluster status", §10 oracle 14)', () => {
  it('stack CREATE_FAILED → everything CREATE_FAILED, naming the failed nodegroups; faults keep their reasons', () => {
    const quota = 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances'
    const result = aggregateClusterStatus('CREATE_IN_PROGRESS', [
      ng('default-master', 'master', true, 'CREATE_FAILED', quota),
      ng('default-worker', 'worker', true, 'CREATE_FAILED', quota),
    ])
    expect(result).toEqual({
      status: 'CREATE_FAILED',
      reason: 'default-master failed, default-worker failed',
      faults: { 'default-master': quota, 'default-worker': quota },
    })
  })

  it('faults are only kept while the cluster is failed', () => {
    const result = aggregateClusterStatus('UPDATE_IN_PROGRESS', [
      ng('default-master', 'master', true, 'UPDATE_COMPLETE'),
      ng('default-worker', 'worker', true, 'UPDATE_COMPLETE'),
      ng('gpu', 'worker', false, 'CREATE_FAILED', 'no capacity'),
      ng('arm', 'worker', false, 'CREATE_IN_PROGRESS'),
    ])
    expect(result.status).toBe('UPDATE_IN_PROGRESS')
    expect(result.faults).toBeUndefined()
  })

  it('extra nodegroups FAILED + IN_PROGRESS → UPDATE_IN_PROGRESS', () => {
    expect(
      aggregateClusterStatus('UPDATE_IN_PROGRESS', [
        ng('default-master', 'master', true, 'UPDATE_COMPLETE'),
        ng('default-worker', 'worker', true, 'UPDATE_COMPLETE'),
        ng('gpu', 'worker', false, 'CREATE_FAILED'),
        ng('arm', 'worker', false, 'CREATE_IN_PROGRESS'),
      ]).status,
    ).toBe('UPDATE_IN_PROGRESS')
  })

  it('only default nodegroups: the master nodegroup decides the action', () => {
    expect(
      aggregateClusterStatus('CREATE_IN_PROGRESS', [
        ng('default-master', 'master', true, 'CREATE_COMPLETE'),
        ng('default-worker', 'worker', true, 'CREATE_COMPLETE'),
      ]).status,
    ).toBe('CREATE_COMPLETE')
  })

  it('CREATE_COMPLETE reads UPDATE_COMPLETE unless the cluster was creating', () => {
    const groups = [
      ng('default-master', 'master', true, 'CREATE_COMPLETE'),
      ng('default-worker', 'worker', true, 'CREATE_COMPLETE'),
    ]
    expect(aggregateClusterStatus('UPDATE_IN_PROGRESS', groups).status).toBe('UPDATE_COMPLETE')
  })

  it('every nodegroup deleting → DELETE_*', () => {
    expect(
      aggregateClusterStatus('DELETE_IN_PROGRESS', [
        ng('default-master', 'master', true, 'DELETE_COMPLETE'),
        ng('default-worker', 'worker', true, 'DELETE_COMPLETE'),
        ng('gpu', 'worker', false, 'DELETE_IN_PROGRESS'),
      ]).status,
    ).toBe('DELETE_IN_PROGRESS')
  })

  it.each([
    ['DELETE_IN_PROGRESS', 'DELETE_COMPLETE'],
    ['CREATE_IN_PROGRESS', 'CREATE_FAILED'],
    ['UPDATE_IN_PROGRESS', 'UPDATE_FAILED'],
  ] as const)('a missing stack while %s → %s with the reason', (before, after) => {
    expect(statusForMissingStack(before, 'abc')).toEqual({
      status: after,
      reason: 'Stack with id abc not found in Heat.',
    })
  })
})
