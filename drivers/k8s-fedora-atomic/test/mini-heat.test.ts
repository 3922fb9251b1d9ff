/**
 * The k8s stack on @magnum-ts/testing's mini Heat: the templates create (fake) Nova, Neutron and
 * Octavia objects, scale through the driver's parameters (named removals included), and delete
 * with no orphans.
 */
import { createStack, deleteStack, getStack, updateStack, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { type ContextOptions, k8sContext, testDriver } from './support/context.js'

let cloud: FakeCloud
// The fake's clock jumps forward instead of waiting.
const virtual = () => ({ sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() })
const driver = testDriver()

beforeEach(() => {
  cloud = createFakeCloud()
})

/** A context the fake's default world can serve: its image, flavor, key pair and external network. */
function fakeWorldContext(options: ContextOptions) {
  const ctx = k8sContext({ ...options, template: { externalNetworkId: 'public', ...options.template } })
  ctx.cluster.keypair = 'default'
  for (const ng of ctx.nodeGroups) {
    ng.flavorId = 'm1.small'
    ng.imageId = 'fedora-atomic-latest'
  }
  return ctx
}

/**
 * The request as sent, minus null parameters: real Heat applies the template default to a null
 * (the contract test checks that on realcloud); the mini Heat would pass "null" on.
 */
async function request(ctx: ReturnType<typeof fakeWorldContext>) {
  const req = await driver.stackRequest(ctx)
  return {
    ...req,
    // The driver names its main template; its text is in files (core's createCluster does the same).
    template: req.files[req.template as string]!,
    parameters: Object.fromEntries(Object.entries(req.parameters).filter(([, v]) => v !== null)),
  }
}

describe('k8s on the mini Heat', () => {
  it('creates 3 masters behind the LB and 3 minions, scales 3 → 5 → 2 with named removals, deletes cleanly', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({ template: { masterLbEnabled: true }, masters: 3, nodes: 3 })
    const created = await createStack(session, { name: 'k8s-1', ...(await request(ctx)) })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })

    const read = async () =>
      driver.readOutputs(await getStack(session, created, { resolveOutputs: true }), ctx)
    const first = await read()
    const fips = new Set([...cloud.state.network.floatingIps.values()].map((f) => f.floating_ip_address))
    expect(first.apiAddress).toMatch(/^https:\/\/[\d.]+:6443$/)
    expect(fips.has(first.apiAddress?.slice('https://'.length, -':6443'.length) ?? '')).toBe(true)
    expect(first.masterAddresses).toHaveLength(3)
    expect(first.nodeAddresses).toHaveLength(3)
    expect(first.counts).toEqual({ master: 3, worker: 3 })
    // API (6443) and etcd (2379) pool members for each master.
    const ports = [...cloud.state.loadBalancer.members.values()].map((m) => m.protocol_port).sort()
    expect(ports).toEqual([2379, 2379, 2379, 6443, 6443, 6443])

    const worker = ctx.nodeGroups.find((n) => n.role === 'worker')!
    const minionServers = () =>
      [...cloud.state.compute.servers.values()].filter((s) => s.name.includes('-minion-')).map((s) => s.name)

    await updateStack(session, created, {
      existing: true,
      parameters: driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 5, nodesToRemove: [] }),
    })
    await waitForStack(session, created, { until: 'UPDATE_COMPLETE', ...virtual() })
    expect((await read()).nodeAddresses).toHaveLength(5)

    const [keep, ...others] = minionServers().sort()
    const doomed = others.slice(0, 3)
    const removals = [...cloud.state.compute.servers.values()]
      .filter((s) => doomed.includes(s.name))
      .map((s) => s.id)
    await updateStack(session, created, {
      existing: true,
      parameters: driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 2, nodesToRemove: removals }),
    })
    await waitForStack(session, created, { until: 'UPDATE_COMPLETE', ...virtual() })
    const scaled = await read()
    expect(scaled.counts.worker).toBe(2)
    expect(minionServers()).toHaveLength(2)
    expect(minionServers()).toContain(keep)
    for (const name of doomed) expect(minionServers()).not.toContain(name)

    await deleteStack(session, created)
    await waitForStack(session, created, { until: 'DELETE_COMPLETE', ...virtual() })
    expect(cloud.state.compute.servers.size).toBe(0)
    cloud.assertNoOrphans()
  })

  it('without floating IPs reports private addresses and opens the NodePort range on minions', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({ template: { floatingIpEnabled: false } })
    const created = await createStack(session, { name: 'k8s-2', ...(await request(ctx)) })
    await waitForStack(session, created, { until: 'CREATE_COMPLETE', ...virtual() })
    const out = driver.readOutputs(await getStack(session, created, { resolveOutputs: true }), ctx)
    expect(cloud.state.network.floatingIps.size).toBe(0)
    expect(out.apiAddress).toBe(`https://${out.masterAddresses[0]}:6443`)
    expect(out.nodeAddresses[0]).toMatch(/^10\.0\.0\./)
    const nodePorts = [...cloud.state.network.securityGroupRules.values()].filter(
      (r) =>
        r.direction === 'ingress' &&
        r.protocol === 'tcp' &&
        r.port_range_min === 30000 &&
        r.port_range_max === 32767,
    )
    expect(nodePorts).toHaveLength(2) // masters and minions
    await deleteStack(session, created)
    await waitForStack(session, created, { until: 'DELETE_COMPLETE', ...virtual() })
    cloud.assertNoOrphans()
  })
})
