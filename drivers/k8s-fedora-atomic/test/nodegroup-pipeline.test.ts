import { getStack } from '@magnum-ts/orchestration'
import { createFakeCloud } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'
import { k8sClusterOnFakeCloud } from './support/pipeline.js'

describe('k8s nodegroups through createMagnum on the fake cloud', () => {
  it('creates a gpu nodegroup on the cluster network, resizes it 1 → 3 → 1 with a named removal, deletes it', async () => {
    const cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
    const session = cloud.session()
    const { magnum, cluster } = await k8sClusterOnFakeCloud(cloud)
    const clusterServers = new Set(cloud.state.compute.servers.keys())
    const clusterStack = await getStack(session, cluster.stackId!, { resolveOutputs: true })
    const out = Object.fromEntries((clusterStack.outputs ?? []).map((o) => [o.output_key, o.output_value]))

    await magnum.nodegroups.create('web', { name: 'gpu', nodeCount: 1, flavorId: 'm1.medium' })
    const gpu = (await magnum.nodegroups.waitFor('web', 'gpu', 'CREATE_COMPLETE', { intervalMs: 5 }))!
    expect(gpu.stackId).toBeDefined()
    expect(gpu.stackId).not.toBe(cluster.stackId)
    const gpuServers = () =>
      [...cloud.state.compute.servers.values()].filter((s) => !clusterServers.has(s.id))
    const onClusterNetwork = () =>
      gpuServers().every((s) =>
        s.portIds.every((id) => {
          const port = cloud.state.network.ports.get(id)!
          return (
            port.network_id === out.fixed_network && port.security_groups[0] === out.minion_security_group
          )
        }),
      )
    expect(gpuServers()).toHaveLength(1)
    expect(onClusterNetwork()).toBe(true)
    const medium = [...cloud.state.compute.flavors.values()].find((f) => f.name === 'm1.medium')!
    expect(gpuServers().map((s) => s.flavorId)).toEqual([medium.id])
    expect(gpu.nodeAddresses).toHaveLength(1)

    await magnum.clusters.resize('web', { nodegroup: 'gpu', nodeCount: 3 })
    await magnum.clusters.waitFor('web', 'UPDATE_COMPLETE', { intervalMs: 5 })
    expect(gpuServers()).toHaveLength(3)
    expect(onClusterNetwork()).toBe(true)
    expect((await magnum.nodegroups.get('web', 'gpu')).nodeAddresses).toHaveLength(3)

    const [keep, ...doomed] = gpuServers().sort((a, b) => a.name.localeCompare(b.name))
    await magnum.clusters.resize('web', {
      nodegroup: 'gpu',
      nodeCount: 1,
      nodesToRemove: doomed.map((s) => s.id),
    })
    await magnum.clusters.waitFor('web', 'UPDATE_COMPLETE', { intervalMs: 5 })
    expect(gpuServers().map((s) => s.id)).toEqual([keep!.id])
    expect((await magnum.nodegroups.get('web', 'gpu')).nodeCount).toBe(1)
    // The default worker nodegroup was not touched.
    expect((await magnum.nodegroups.get('web', 'default-worker')).nodeCount).toBe(1)

    await magnum.nodegroups.delete('web', 'gpu')
    await magnum.nodegroups.waitFor('web', 'gpu', 'DELETE_COMPLETE', { intervalMs: 5 })
    expect(gpuServers()).toEqual([])
    await magnum.clusters.delete('web')
    await magnum.clusters.waitFor('web', 'DELETE_COMPLETE', { intervalMs: 5 })
    cloud.assertNoOrphans()
  })
})
