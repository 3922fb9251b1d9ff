/**
 * Cluster delete with the k8s driver's Octavia pre-delete, end to end on @magnum-ts/testing's
 * fake cloud: the pipeline (createMagnum) builds a real k8s stack on the mini Heat, Kubernetes'
 * cloud provider is played by creating load balancers on the cluster's subnet, and delete must
 * remove exactly the cluster's ones — or, when Octavia refuses, leave everything DELETE_FAILED.
 */
import type { Session } from '@magnum-ts/auth'
import { ClusterOperationError } from '@magnum-ts/core'
import { PreDeletionFailedError } from '@magnum-ts/driver-k8s-fedora-atomic'
import { createLoadBalancer } from '@magnum-ts/network'
import { getStack } from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { k8sContext } from './support/context.js'
import { k8sClusterOnFakeCloud } from './support/pipeline.js'

let cloud: FakeCloud
let session: Session

beforeEach(() => {
  cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
  session = cloud.session()
})

/** A CREATE_COMPLETE cluster whose pre-delete polls Octavia every 5 ms. */
function pipeline(config: Record<string, unknown> = {}) {
  return k8sClusterOnFakeCloud(cloud, { driver: { preDeleteLbPollIntervalMs: 5, ...config } })
}

/**
 * The cloud provider's load balancers on the cluster's subnet, and two that are not the
 * cluster's (another cluster's, a user's) on the world's private subnet.
 */
async function loadBalancers(clusterUuid: string) {
  const subnets = [...cloud.state.network.subnets.values()]
  const shared = subnets.find((s) => s.name === 'private-subnet')!
  const own = subnets.find((s) => s.name !== 'public-subnet' && s.name !== 'private-subnet')
  expect(own, 'the cluster stack made its own subnet').toBeDefined()
  const make = (name: string, description: string, subnetId: string) =>
    createLoadBalancer(session, { name, description, vipSubnetId: subnetId }).then((lb) => lb.id)
  const from = (uuid: string) => `from cluster ${uuid}`
  return {
    web: await make('svc-web', `Kubernetes external service default/web ${from(clusterUuid)}`, own!.id),
    ingress: await make('ing', `Kubernetes Ingress kube-system/nginx ${from(clusterUuid)}`, own!.id),
    otherCluster: await make(
      'other',
      `Kubernetes external service a/b ${from(k8sContext().cluster.uuid)}`,
      shared.id,
    ),
    users: await make('mine', 'my own load balancer', shared.id),
  }
}

const lbIds = () => new Set(cloud.state.loadBalancer.loadBalancers.keys())

describe('k8s cluster delete on the fake cloud: Octavia pre-delete', () => {
  it('deletes only the load balancers Kubernetes made for this cluster, then the stack', async () => {
    const { magnum, cluster } = await pipeline()
    const lbs = await loadBalancers(cluster.uuid)
    const deleting = await magnum.clusters.delete(cluster.uuid)
    expect(deleting?.status).toBe('DELETE_IN_PROGRESS')
    expect(lbIds().has(lbs.web)).toBe(false)
    expect(lbIds().has(lbs.ingress)).toBe(false)
    expect(lbIds().has(lbs.otherCluster)).toBe(true)
    expect(lbIds().has(lbs.users)).toBe(true)
    await magnum.clusters.waitFor(cluster.uuid, 'DELETE_COMPLETE', { intervalMs: 5 })
    await expect(getStack(session, cluster.stackId!)).rejects.toThrow()
  })

  it('when Octavia refuses: DELETE_FAILED with a 409 naming the LBs, and the stack left alone', async () => {
    const { magnum, cluster } = await pipeline()
    const lbs = await loadBalancers(cluster.uuid)
    const refusal = cloud.faults.add({
      service: 'load-balancer',
      method: 'DELETE',
      status: 500,
      message: 'amphora down',
    })
    const error = await magnum.clusters.delete(cluster.uuid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterOperationError)
    expect((error as ClusterOperationError).status).toBe(409)
    expect((error as ClusterOperationError).cause).toBeInstanceOf(PreDeletionFailedError)
    const failed = await magnum.clusters.get(cluster.uuid)
    expect(failed.status).toBe('DELETE_FAILED')
    expect(failed.statusReason).toContain(lbs.web)
    expect(failed.statusReason).toContain('amphora down')
    expect((await getStack(session, cluster.stackId!)).stack_status).toBe('CREATE_COMPLETE')
    expect(lbIds().has(lbs.web)).toBe(true)

    refusal.remove()
    expect((await magnum.clusters.delete(cluster.uuid))?.status).toBe('DELETE_IN_PROGRESS')
    expect(lbIds().has(lbs.web)).toBe(false)
    expect(lbIds().has(lbs.users)).toBe(true)
  })
})
