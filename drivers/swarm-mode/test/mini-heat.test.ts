/**
 * The swarm-mode stack on @magnum-ts/testing's mini Heat: the templates create real (fake) Nova,
 * Neutron, Octavia and Cinder objects, scale through the driver's parameters, and delete cleanly.
 */
import { swarmModeDriver } from '@magnum-ts/driver-swarm-mode'
import { createStack, deleteStack, getStack, updateStack, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { swarmContext } from './support/context.js'

let cloud: FakeCloud
// The fake's clock jumps forward instead of waiting.
const virtual = () => ({ sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() })

beforeEach(() => {
  cloud = createFakeCloud()
})

/**
 * A context the fake's default world can serve (its image, flavor, key pair and zone). The zone
 * label is set because the mini Heat turns a null parameter into "null", where real Heat applies
 * the template's default (checked on realcloud).
 */
function fakeWorldContext(options: Parameters<typeof swarmContext>[0]) {
  const ctx = swarmContext(options)
  ctx.cluster.keypair = 'default'
  for (const ng of ctx.nodeGroups) {
    ng.flavorId = 'm1.small'
    ng.imageId = 'fedora-atomic-latest'
  }
  return ctx
}

describe('swarm-mode on the mini Heat', () => {
  it('creates 3 managers behind the LB and 2 workers, scales 2 → 4 → 1, and deletes with no orphans', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({
      template: { dockerVolumeSize: 5, masterLbEnabled: true },
      masters: 3,
      nodes: 2,
      labels: { availability_zone: 'nova' },
    })
    const request = await swarmModeDriver.stackRequest(ctx)
    const created = await createStack(session, { name: 'swarm-1', ...request })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })

    const read = async () =>
      swarmModeDriver.readOutputs(await getStack(session, created, { resolveOutputs: true }), ctx)
    const fips = new Set([...cloud.state.network.floatingIps.values()].map((f) => f.floating_ip_address))
    const first = await read()
    expect(first.apiAddress).toMatch(/^tcp:\/\/[\d.]+:2375$/)
    // The API is the load balancer's floating IP.
    const lbFip = first.apiAddress?.slice('tcp://'.length, -':2375'.length) ?? ''
    expect(fips.has(lbFip)).toBe(true)
    expect(first.masterAddresses).toHaveLength(3)
    expect(first.nodeAddresses).toHaveLength(2)
    for (const ip of [...first.masterAddresses, ...first.nodeAddresses]) expect(fips.has(ip)).toBe(true)
    expect(first.counts).toEqual({ master: 3, worker: 2 })

    // Every manager is a pool member on 2375; every server has its 5 GB docker volume.
    const members = [...cloud.state.loadBalancer.members.values()]
    expect(members.map((m) => m.protocol_port)).toEqual([2375, 2375, 2375])
    expect([...cloud.state.blockStorage.volumes.values()].map((v) => v.size)).toEqual([5, 5, 5, 5, 5])
    expect(cloud.state.compute.servers.size).toBe(5)

    const worker = ctx.nodeGroups.find((n) => n.role === 'worker')
    if (!worker) throw new Error('no worker nodegroup')
    for (const nodeCount of [4, 1]) {
      const parameters = swarmModeDriver.scaleParameters(ctx, {
        nodeGroup: worker,
        nodeCount,
        nodesToRemove: [],
      })
      await updateStack(session, created, { existing: true, parameters })
      await waitForStack(session, created, { until: 'UPDATE_COMPLETE', ...virtual() })
      const scaled = await read()
      expect(scaled.nodeAddresses).toHaveLength(nodeCount)
      expect(scaled.counts.worker).toBe(nodeCount)
      expect(cloud.state.compute.servers.size).toBe(3 + nodeCount)
    }

    await deleteStack(session, created)
    await waitForStack(session, created, { until: 'DELETE_COMPLETE', ...virtual() })
    expect(cloud.state.compute.servers.size).toBe(0)
    cloud.assertNoOrphans()
  })

  it('opens 2377 and the overlay ports on the managers', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({ labels: { availability_zone: 'nova' } })
    const created = await createStack(session, {
      name: 'swarm-2',
      ...(await swarmModeDriver.stackRequest(ctx)),
    })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })
    const rules = [...cloud.state.network.securityGroupRules.values()].filter(
      (r) => r.direction === 'ingress',
    )
    const open = (protocol: string, port: number) =>
      rules.some((r) => r.protocol === protocol && r.port_range_min === port && r.remote_ip_prefix === null)
    for (const [protocol, port] of [
      ['tcp', 2375],
      ['tcp', 2377],
      ['tcp', 7946],
      ['udp', 7946],
      ['udp', 4789],
    ] as const) {
      expect(open(protocol, port), `${protocol}/${port}`).toBe(true)
    }
    // Floating IPs on: the API is the primary manager's floating IP.
    const outputs = swarmModeDriver.readOutputs(
      await getStack(session, created, { resolveOutputs: true }),
      ctx,
    )
    expect(outputs.apiAddress).toBe(`tcp://${outputs.masterAddresses[0]}:2375`)
    await deleteStack(session, created)
    await waitForStack(session, created, { until: 'DELETE_COMPLETE', ...virtual() })
    cloud.assertNoOrphans()
  })
})
