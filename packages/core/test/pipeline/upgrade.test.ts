import {
  type ClusterDriver,
  ClusterOperationError,
  ClusterStatusConflictError,
  MagnumValidationError,
  NodeGroupTemplateConflictError,
  UpgradeNotSupportedError,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput, testDriver } from './support.js'
import { upgradableDriver } from './support-extra.js'

async function readyCluster(drivers: ClusterDriver[] = [upgradableDriver]) {
  const fixture = await pipelineOnFakeCloud({ drivers })
  const { magnum } = fixture
  const v1 = await magnum.clusterTemplates.create({
    ...templateInput,
    name: 'k8s-v1',
    labels: { kube_tag: 'v1.1.0' },
  })
  const created = await magnum.clusters.create({ name: 'up', clusterTemplateId: v1.uuid, nodeCount: 1 })
  const cluster = (await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 }))!
  return { ...fixture, v1, cluster }
}

describe('clusters.upgrade', () => {
  it('sends the driver parameters to Heat, swaps the template and reaches UPDATE_COMPLETE', async () => {
    const { cloud, magnum, store, notifications, v1, cluster } = await readyCluster()
    const v2 = await magnum.clusterTemplates.create({
      ...templateInput,
      name: 'k8s-v2',
      labels: { kube_tag: 'v1.2.0' },
    })
    const before = notifications.length

    const upgrading = await magnum.clusters.upgrade('up', { clusterTemplate: 'k8s-v2', maxBatchSize: 2 })
    expect(upgrading.status).toBe('UPDATE_IN_PROGRESS')
    expect(upgrading.clusterTemplateId).toBe(v2.uuid)
    expect(upgrading.labels).toEqual({ kube_tag: 'v1.2.0' })
    const groups = await store.nodegroups.list({ clusterId: cluster.uuid })
    expect(groups.map((g) => g.status)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS'])
    expect(notifications.slice(before).map((n) => [n.eventType, n.payload.outcome])).toEqual([
      ['magnum.cluster.update', 'pending'],
    ])
    const stack = cloud.state.orchestration.stacks.get(cluster.stackId!)
    expect(stack?.parameters).toMatchObject({ kube_tag: 'v1.2.0', update_max_batch_size: 2 })

    const done = await magnum.clusters.waitFor('up', 'UPDATE_COMPLETE', { intervalMs: 10 })
    expect(done?.clusterTemplateId).toBe(v2.uuid)
    expect(done?.clusterTemplateId).not.toBe(v1.uuid)
  })

  it('defaults max_batch_size to 1', async () => {
    const { cloud, magnum, cluster } = await readyCluster()
    await magnum.clusterTemplates.create({ ...templateInput, name: 'k8s-v2', labels: { kube_tag: 'v1.3.0' } })
    await magnum.clusters.upgrade(cluster.uuid, { clusterTemplate: 'k8s-v2' })
    expect(cloud.state.orchestration.stacks.get(cluster.stackId!)?.parameters).toMatchObject({
      update_max_batch_size: 1,
    })
  })

  it("propagates the driver's refusals (downgrade 400, nothing to upgrade 409) without writing", async () => {
    const { magnum, store, cluster } = await readyCluster()
    await magnum.clusterTemplates.create({ ...templateInput, name: 'old', labels: { kube_tag: 'v1.0.5' } })
    await magnum.clusterTemplates.create({ ...templateInput, name: 'same-nothing', labels: {} })
    await expect(magnum.clusters.upgrade('up', { clusterTemplate: 'old' })).rejects.toMatchObject({
      code: 'DOWNGRADE_NOT_ALLOWED',
      status: 400,
    })
    await expect(magnum.clusters.upgrade('up', { clusterTemplate: 'same-nothing' })).rejects.toMatchObject({
      code: 'UPGRADE_NOTHING_TO_DO',
      status: 409,
    })
    expect(await store.clusters.get(cluster.uuid)).toMatchObject({
      status: 'CREATE_COMPLETE',
      clusterTemplateId: cluster.clusterTemplateId,
    })
  })

  it('refuses a driver without upgrade support (400), a bad batch size and a cluster not *_COMPLETE', async () => {
    const fixture = await pipelineOnFakeCloud({ drivers: [testDriver] })
    const t1 = await fixture.magnum.clusterTemplates.create({ ...templateInput, name: 'a' })
    await fixture.magnum.clusterTemplates.create({ ...templateInput, name: 'b', labels: { kube_tag: 'v2' } })
    const created = await fixture.magnum.clusters.create({ name: 'c', clusterTemplateId: t1.uuid })
    await expect(fixture.magnum.clusters.upgrade('c', { clusterTemplate: 'b' })).rejects.toBeInstanceOf(
      ClusterStatusConflictError,
    )
    await fixture.magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 })
    const refused = fixture.magnum.clusters.upgrade('c', { clusterTemplate: 'b' })
    await expect(refused).rejects.toBeInstanceOf(UpgradeNotSupportedError)
    await expect(refused).rejects.toMatchObject({ status: 400 })
    await expect(
      fixture.magnum.clusters.upgrade('c', { clusterTemplate: 'b', maxBatchSize: 0 }),
    ).rejects.toMatchObject({ field: 'max_batch_size', status: 400 })
  })

  it('refuses a template of another COE (400)', async () => {
    const swarmish = {
      ...testDriver,
      name: 'test_swarm',
      provides: [{ serverType: 'vm' as const, os: 'fedora-atomic', coe: 'swarm-mode' }],
    }
    const { magnum } = await readyCluster([upgradableDriver, swarmish])
    await magnum.clusterTemplates.create({ ...templateInput, name: 'swarm', coe: 'swarm-mode' })
    const refused = magnum.clusters.upgrade('up', { clusterTemplate: 'swarm' })
    await expect(refused).rejects.toBeInstanceOf(MagnumValidationError)
    await expect(refused).rejects.toMatchObject({ field: 'cluster_template_id', status: 400 })
  })

  it('refuses to move a non-default nodegroup to another template (409)', async () => {
    const { magnum, store, cluster } = await readyCluster()
    await magnum.clusterTemplates.create({ ...templateInput, name: 'k8s-v2', labels: { kube_tag: 'v1.2.0' } })
    const worker = (await store.nodegroups.list({ clusterId: cluster.uuid })).find(
      (g) => g.role === 'worker',
    )!
    await store.nodegroups.create({ ...worker, uuid: crypto.randomUUID(), name: 'extra', isDefault: false })
    const refused = magnum.clusters.upgrade('up', { clusterTemplate: 'k8s-v2', nodegroup: 'extra' })
    await expect(refused).rejects.toBeInstanceOf(NodeGroupTemplateConflictError)
    await expect(refused).rejects.toMatchObject({ status: 409 })
  })

  it('restores the template and labels, and marks UPDATE_FAILED, when Heat refuses', async () => {
    const { cloud, magnum, store, notifications, cluster } = await readyCluster()
    await magnum.clusterTemplates.create({ ...templateInput, name: 'k8s-v2', labels: { kube_tag: 'v1.2.0' } })
    cloud.faults.fail('orchestration', 400, 1)
    await expect(magnum.clusters.upgrade('up', { clusterTemplate: 'k8s-v2' })).rejects.toBeInstanceOf(
      ClusterOperationError,
    )
    const failed = await store.clusters.get(cluster.uuid)
    expect(failed).toMatchObject({
      status: 'UPDATE_FAILED',
      clusterTemplateId: cluster.clusterTemplateId,
      labels: { kube_tag: 'v1.1.0' },
    })
    const groups = await store.nodegroups.list({ clusterId: cluster.uuid })
    expect(groups.every((g) => g.status === 'UPDATE_FAILED')).toBe(true)
    expect(notifications.at(-1)?.payload).toMatchObject({ action: 'update', outcome: 'failure' })
  })
})
