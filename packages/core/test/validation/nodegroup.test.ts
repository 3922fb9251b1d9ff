import {
  NodeGroupInvalidInputError,
  validateNodeGroupCreate,
  validateNodeGroupDelete,
  validateNodeGroupUpdate,
  validateQuota,
  validateResize,
  validateStatsType,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'

const ready = { apiAddress: 'https://10.0.0.5:6443', nodeGroupNames: ['default-master', 'default-worker'] }

describe('validateNodeGroupCreate (§3 NodeGroup POST errors)', () => {
  it('accepts a worker nodegroup within bounds', () => {
    expect(
      validateNodeGroupCreate({ name: 'gpu', nodeCount: 2, minNodeCount: 1, maxNodeCount: 3 }, ready),
    ).toEqual([])
  })

  it('answers 409 when the cluster has no api_address yet', () => {
    const [error] = validateNodeGroupCreate({ name: 'gpu' }, { ...ready, apiAddress: undefined })
    expect(error).toBeInstanceOf(NodeGroupInvalidInputError)
    expect(error?.status).toBe(409)
  })

  it('answers 409 for a duplicate name and for a count outside [min, max]', () => {
    expect(validateNodeGroupCreate({ name: 'default-worker' }, ready)[0]?.status).toBe(409)
    const [error] = validateNodeGroupCreate({ name: 'gpu', nodeCount: 5, maxNodeCount: 3 }, ready)
    expect([error?.status, error?.field]).toEqual([409, 'node_count'])
  })

  it('answers 400 for role=master and for node_count 0', () => {
    expect(validateNodeGroupCreate({ name: 'm2', role: 'master' }, ready)[0]?.status).toBe(400)
    expect(validateNodeGroupCreate({ name: 'w', nodeCount: 0 }, ready)[0]?.field).toBe('node_count')
  })
})

describe('validateNodeGroupUpdate and delete', () => {
  const ng = { nodeCount: 3, minNodeCount: 1, maxNodeCount: 5 }

  it('may change only min_node_count and max_node_count', () => {
    expect(validateNodeGroupUpdate(ng, { maxNodeCount: 10 })).toEqual([])
    const [error] = validateNodeGroupUpdate(ng, { nodeCount: 4 })
    expect(error?.problem).toBe('cannot change nodegroup property(ies) node_count')
  })

  it('refuses bounds that exclude the current count', () => {
    expect(validateNodeGroupUpdate(ng, { maxNodeCount: 2 })[0]?.status).toBe(409)
  })

  it('refuses to delete a default nodegroup', () => {
    expect(validateNodeGroupDelete({ name: 'default-worker', isDefault: true })?.status).toBe(400)
    expect(validateNodeGroupDelete({ name: 'gpu', isDefault: false })).toBeUndefined()
  })
})

describe('validateResize (oracle 12)', () => {
  const worker = { name: 'default-worker', role: 'worker', minNodeCount: 1, maxNodeCount: 5 }

  it('refuses to resize the master nodegroup with 400', () => {
    const error = validateResize({ ...worker, name: 'default-master', role: 'master' }, 2)
    expect([error?.status, error?.code]).toEqual([400, 'MASTER_NODEGROUP_RESIZE_NOT_SUPPORTED'])
  })

  it('refuses a resize to 6 when max is 5 with 400', () => {
    const error = validateResize(worker, 6)
    expect([error?.status, error?.code, error?.field]).toEqual([
      400,
      'NODEGROUP_RESIZE_OUT_OF_BOUNDS',
      'node_count',
    ])
  })

  it('accepts 5, and refuses 0 or a missing count', () => {
    expect(validateResize(worker, 5)).toBeUndefined()
    expect(validateResize(worker, 0)?.field).toBe('node_count')
    expect(validateResize(worker, undefined)?.field).toBe('node_count')
  })
})

describe('validateQuota and validateStatsType (§3)', () => {
  it('accepts the Cluster resource with hard_limit ≥ 1', () => {
    expect(validateQuota({ resource: 'Cluster', hardLimit: 10 })).toEqual([])
    expect(validateQuota({ resource: 'Cluster' })).toEqual([])
  })

  it('refuses other resources and a hard_limit below 1', () => {
    expect(validateQuota({ resource: 'Node', hardLimit: 0 }).map((e) => e.field)).toEqual([
      'resource',
      'hard_limit',
    ])
  })

  it('refuses a stats type other than cluster', () => {
    expect(validateStatsType('cluster')).toBeUndefined()
    expect(validateStatsType('node')?.status).toBe(400)
  })
})
