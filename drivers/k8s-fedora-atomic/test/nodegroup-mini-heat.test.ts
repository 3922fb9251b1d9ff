/**
 * A nodegroup stack on @magnum-ts/testing's mini Heat, the way core drives it: the cluster stack
 * first, then the nodegroup's stack from the cluster stack's outputs (its servers join the
 * cluster's network, minion security group and master), scaled through the driver's parameters
 * with named removals, and deleted before the cluster stack, leaving nothing behind.
 */
import type { ClusterContext, StackRequest } from '@magnum-ts/core'
import { createStack, deleteStack, getStack, updateStack, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { type ContextOptions, k8sContext, testDriver } from './support/context.js'
import { extraNodeGroup } from './support/nodegroup.js'

let cloud: FakeCloud
// The fake's clock jumps forward instead of waiting.
const virtual = () => ({ sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() })
const driver = testDriver()

beforeEach(() => {
  cloud = createFakeCloud()
})

/** A context the fake's default world can serve: its image, flavors, key pair and external network. */
function fakeWorldContext(options: ContextOptions): ClusterContext {
  const ctx = k8sContext({ ...options, template: { externalNetworkId: 'public', ...options.template } })
  ctx.cluster.keypair = 'default'
  for (const ng of ctx.nodeGroups) {
    ng.flavorId = 'm1.small'
    ng.imageId = 'fedora-atomic-latest'
  }
  return ctx
}

/**
 * A request as core sends it: the main template's text, and no null parameters (real Heat
 * applies the template default to a null; the mini Heat would pass "null" on).
 */
function asSent(req: StackRequest) {
  return {
    ...req,
    template: req.files[req.template as string]!,
    parameters: Object.fromEntries(Object.entries(req.parameters).filter(([, v]) => v !== null)),
  }
}

const count = <T>(m: Map<string, T>) => m.size

describe('k8s nodegroup stack on the mini Heat', () => {
  it('joins the cluster network, minion security group and master; scales 1 → 3 → 1; deletes cleanly', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({ template: { masterLbEnabled: true }, masters: 1, nodes: 1 })
    const cluster = await createStack(session, { name: 'k8s-ng', ...asSent(await driver.stackRequest(ctx)) })
    await waitForStack(session, cluster, { until: 'CREATE_COMPLETE', ...virtual() })
    const clusterStack = await getStack(session, cluster, { resolveOutputs: true })
    const clusterOut = driver.readOutputs(clusterStack, ctx)

    const { network, compute, loadBalancer } = cloud.state
    const before = {
      networks: count(network.networks),
      subnets: count(network.subnets),
      routers: count(network.routers),
      securityGroups: count(network.securityGroups),
      loadBalancers: count(loadBalancer.loadBalancers),
      serverGroups: count(compute.serverGroups),
    }
    const clusterServers = new Set(compute.servers.keys())

    const ng = extraNodeGroup(ctx, {
      name: 'gpu',
      nodeCount: 1,
      flavorId: 'm1.medium',
      imageId: 'fedora-atomic-latest',
    })
    const ngName = 'k8s-ng-gpu-abcdefghijkl'
    const ngRequest = await driver.nodeGroupStackRequest!(ctx, ng, clusterStack)
    const ngStack = await createStack(session, { name: ngName, ...asSent(ngRequest) })
    await waitForStack(session, ngStack, { until: 'CREATE_COMPLETE', ...virtual() })

    // Only the nodegroup's server group and servers are new: no network, router, security
    // group or load balancer of its own, and no master.
    expect({
      networks: count(network.networks),
      subnets: count(network.subnets),
      routers: count(network.routers),
      securityGroups: count(network.securityGroups),
      loadBalancers: count(loadBalancer.loadBalancers),
      serverGroups: count(compute.serverGroups),
    }).toEqual({ ...before, serverGroups: before.serverGroups + 1 })

    const outputs = Object.fromEntries(
      (clusterStack.outputs ?? []).map((o) => [o.output_key, o.output_value]),
    )
    const masterIp = (outputs.kube_masters_private as string[])[0]
    const medium = [...compute.flavors.values()].find((f) => f.name === 'm1.medium')!
    const ngGroup = [...compute.serverGroups.values()].find((g) => g.name === `${ngName}-gpu`)
    const ngServers = () => [...compute.servers.values()].filter((s) => !clusterServers.has(s.id))
    /** Every nodegroup server: on the cluster's network and subnet, behind the minion security group. */
    const expectJoined = () => {
      for (const server of ngServers()) {
        expect(server.name.startsWith(`${ngName}-minion-`)).toBe(true)
        expect(server.flavorId).toBe(medium.id)
        expect(server.serverGroupId).toBe(ngGroup?.id)
        const ports = server.portIds.map((id) => network.ports.get(id)!)
        expect(ports.map((p) => p.network_id)).toEqual([outputs.fixed_network])
        expect(ports.map((p) => p.fixed_ips[0]?.subnet_id)).toEqual([outputs.fixed_subnet])
        expect(ports.map((p) => p.security_groups)).toEqual([[outputs.minion_security_group]])
      }
      // Each minion's kubelet and flannel reach master 0's private IP (API and etcd).
      const minionStacks = [...cloud.state.orchestration.stacks.values()].filter(
        (s) => s.deletedAt === null && String(s.parameters.name ?? '').startsWith(`${ngName}-minion-`),
      )
      expect(minionStacks).toHaveLength(ngServers().length)
      for (const s of minionStacks) {
        expect(s.parameters).toMatchObject({
          kube_master_ip: masterIp,
          etcd_server_ip: masterIp,
          nodegroup_name: 'gpu',
        })
      }
    }
    expect(ngGroup).toBeDefined()
    expect(ngServers()).toHaveLength(1)
    expectJoined()

    const read = async () =>
      driver.readOutputs(await getStack(session, ngStack, { resolveOutputs: true }), ctx)
    const created = await read()
    expect(created.apiAddress).toBeUndefined()
    expect(created.masterAddresses).toEqual([])
    expect(created.nodeAddresses).toHaveLength(1)
    expect(created.counts).toEqual({ worker: 1 })

    // Scale as core does: the driver's scale parameters, as an update of the existing stack.
    const scale = async (nodeCount: number, nodesToRemove: string[] = []) => {
      await updateStack(session, ngStack, {
        existing: true,
        parameters: driver.scaleParameters(ctx, { nodeGroup: ng, nodeCount, nodesToRemove }),
      })
      await waitForStack(session, ngStack, { until: 'UPDATE_COMPLETE', ...virtual() })
    }
    await scale(3)
    expect(ngServers()).toHaveLength(3)
    expect((await read()).nodeAddresses).toHaveLength(3)
    expectJoined()

    const [keep, ...doomed] = ngServers().sort((a, b) => a.name.localeCompare(b.name))
    await scale(
      1,
      doomed.map((s) => s.id),
    )
    expect(ngServers().map((s) => s.id)).toEqual([keep!.id])
    const scaled = await read()
    expect(scaled.counts.worker).toBe(1)
    expect(scaled.nodeAddresses).toHaveLength(1)
    expectJoined()
    // The cluster's own servers were left alone.
    expect([...clusterServers].every((id) => compute.servers.has(id))).toBe(true)
    expect(
      driver.readOutputs(await getStack(session, cluster, { resolveOutputs: true }), ctx).nodeAddresses,
    ).toEqual(clusterOut.nodeAddresses)

    // Core deletes the nodegroup stacks before the cluster stack.
    await deleteStack(session, ngStack)
    await waitForStack(session, ngStack, { until: 'DELETE_COMPLETE', ...virtual() })
    expect(ngServers()).toEqual([])
    expect(count(compute.serverGroups)).toBe(before.serverGroups)
    await deleteStack(session, cluster)
    await waitForStack(session, cluster, { until: 'DELETE_COMPLETE', ...virtual() })
    expect(compute.servers.size).toBe(0)
    cloud.assertNoOrphans()
  })

  it('without floating IPs: the nodegroup reports private addresses on the cluster subnet', async () => {
    const session = cloud.session()
    const ctx = fakeWorldContext({ template: { floatingIpEnabled: false } })
    const cluster = await createStack(session, { name: 'k8s-ng2', ...asSent(await driver.stackRequest(ctx)) })
    await waitForStack(session, cluster, { until: 'CREATE_COMPLETE', ...virtual() })
    const clusterStack = await getStack(session, cluster, { resolveOutputs: true })
    const ng = extraNodeGroup(ctx, { nodeCount: 2, flavorId: 'm1.small', imageId: 'fedora-atomic-latest' })
    const ngStack = await createStack(session, {
      name: 'k8s-ng2-gpu-abcdefghijkl',
      ...asSent(await driver.nodeGroupStackRequest!(ctx, ng, clusterStack)),
    })
    await waitForStack(session, ngStack, { until: 'CREATE_COMPLETE', ...virtual() })
    const out = driver.readOutputs(await getStack(session, ngStack, { resolveOutputs: true }), ctx)
    expect(cloud.state.network.floatingIps.size).toBe(0)
    expect(out.nodeAddresses).toHaveLength(2)
    for (const ip of out.nodeAddresses) expect(ip).toMatch(/^10\.0\.0\./)
    await deleteStack(session, ngStack)
    await waitForStack(session, ngStack, { until: 'DELETE_COMPLETE', ...virtual() })
    await deleteStack(session, cluster)
    await waitForStack(session, cluster, { until: 'DELETE_COMPLETE', ...virtual() })
    cloud.assertNoOrphans()
  })
})
