/**
 * The mesos stack on @magnum-ts/testing's mini Heat: created, scaled up, scaled down removing the
 * slaves the least-loaded selection names (a fake Marathon decides), and deleted cleanly.
 */
import { createMesosDriver, privateSlaveAddresses } from '@magnum-ts/driver-mesos'
import { createStack, deleteStack, getStack, updateStack, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { mesosContext } from './support/context.js'

let cloud: FakeCloud
// Set, because the mini Heat turns a null parameter into the string "null" where Heat applies
// the template's default.
const idleLabels = {
  mesos_slave_isolation: 'filesystem/linux,docker/runtime',
  mesos_slave_image_providers: 'docker',
  mesos_slave_work_dir: '/var/lib/mesos',
  mesos_slave_executor_env_variables: '{}',
}
const virtual = () => ({ sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() })

beforeEach(() => {
  cloud = createFakeCloud()
})

describe('mesos on the mini Heat', () => {
  it('creates 3 masters and 3 slaves, scales to 5, then to 2 removing the idle slaves, and deletes', async () => {
    const session = cloud.session()
    const ctx = mesosContext({
      template: { masterLbEnabled: true, imageId: 'ubuntu-mesos' },
      masters: 3,
      slaves: 3,
      labels: idleLabels,
    })
    ctx.cluster.keypair = 'default'
    for (const ng of ctx.nodeGroups) ng.flavorId = 'm1.small'
    let busy: string[] = []
    const marathon: typeof fetch = async () =>
      Response.json({ tasks: busy.map((host, i) => ({ id: `app.${i}`, host })) })
    const driver = createMesosDriver({ fetch: marathon })

    const created = await createStack(session, { name: 'mesos-1', ...(await driver.stackRequest(ctx)) })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })
    const stack = async () => getStack(session, created, { resolveOutputs: true })
    const first = driver.readOutputs(await stack(), ctx)
    expect(first.apiAddress).toMatch(/^[\d.]+$/)
    expect(first.masterAddresses).toHaveLength(3)
    expect(first.nodeAddresses).toHaveLength(3)
    expect([...cloud.state.loadBalancer.members.values()].map((m) => m.protocol_port)).toEqual([
      8080, 8080, 8080,
    ])

    const worker = ctx.nodeGroups.find((n) => n.role === 'worker')
    if (!worker) throw new Error('no worker nodegroup')
    const scale = async (nodeCount: number) => {
      const cluster = { ...ctx.cluster, apiAddress: first.apiAddress }
      const nodesToRemove = await driver.slavesToRemove(cluster, { stack: await stack(), nodeCount })
      const parameters = driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount, nodesToRemove })
      await updateStack(session, created, { existing: true, parameters })
      await waitForStack(session, created, { until: 'UPDATE_COMPLETE', ...virtual() })
      return nodesToRemove
    }

    expect(await scale(5)).toEqual([])
    const privateIps = async () =>
      (await import('@magnum-ts/driver-mesos')).privateSlaveAddresses(await stack())
    const five = await privateIps()
    expect(five).toHaveLength(5)

    // Tasks run on the 1st and 4th slaves: scaling to 2 removes three of the idle ones.
    busy = [five[0] ?? '', five[3] ?? '', five[3] ?? '']
    const removed = await scale(2)
    expect(removed).toEqual([five[1], five[2], five[4]])
    expect(await privateIps()).toEqual([five[0], five[3]])
    expect(cloud.state.compute.servers.size).toBe(3 + 2)

    await deleteStack(session, created)
    await waitForStack(session, created, { until: 'DELETE_COMPLETE', ...virtual() })
    cloud.assertNoOrphans()
  })

  // Real Heat matches resource_list entries against each member's reference id, which a template
  // resource takes from its `OS::stack_id` output (mesosslave.yaml sets it to the private IP).
  it('removes exactly the slaves named in slaves_to_remove (by OS::stack_id, the private IP)', async () => {
    const session = cloud.session()
    const ctx = mesosContext({ template: { imageId: 'ubuntu-mesos' }, slaves: 3, labels: idleLabels })
    ctx.cluster.keypair = 'default'
    for (const ng of ctx.nodeGroups) ng.flavorId = 'm1.small'
    const driver = createMesosDriver()
    const created = await createStack(session, { name: 'mesos-2', ...(await driver.stackRequest(ctx)) })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })
    const before = privateSlaveAddresses(await getStack(session, created, { resolveOutputs: true }))
    const worker = ctx.nodeGroups[1]
    if (!worker) throw new Error('no worker nodegroup')
    const nodesToRemove = [before[0] ?? '']
    const parameters = driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 2, nodesToRemove })
    await updateStack(session, created, { existing: true, parameters })
    await waitForStack(session, created, { until: 'UPDATE_COMPLETE', ...virtual() })
    const after = privateSlaveAddresses(await getStack(session, created, { resolveOutputs: true }))
    expect(after).toEqual(before.slice(1))
  })
})
