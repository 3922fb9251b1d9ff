import { BadRequestError } from '@magnum-ts/auth'
import type { HotTemplate } from '@magnum-ts/orchestration'
import {
  createStack,
  deleteStack,
  getStack,
  listEvents,
  listResources,
  listStacks,
  outputValues,
  type StackEvent,
  StackFailedError,
  updateStack,
  waitForStack,
} from '@magnum-ts/orchestration'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { clusterTemplate, nodeTemplate } from './cluster-template.js'

let cloud: FakeCloud
const files = { 'node.yaml': nodeTemplate }
// The fake's clock jumps forward instead of waiting: the stack progresses in virtual time.
const virtual = () => ({ sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() })

beforeEach(() => {
  cloud = createFakeCloud()
})

const serverNames = () => [...cloud.state.compute.servers.values()].map((s) => s.name).sort()

describe('the mini Heat through @magnum-ts/orchestration', () => {
  it('creates a cluster stack with real Nova/Neutron/Octavia objects and resolved outputs', async () => {
    const session = cloud.session()
    const created = await createStack(session, {
      name: 'c1',
      template: clusterTemplate,
      files,
      tags: ['demo'],
    })
    const before = await getStack(session, created.id)
    expect(before.stack_status).toBe('CREATE_IN_PROGRESS')

    const events: StackEvent[] = []
    const stack = await waitForStack(session, 'c1', {
      until: 'CREATE_COMPLETE',
      onEvent: (e) => events.push(e),
      ...virtual(),
    })
    expect(stack.stack_status).toBe('CREATE_COMPLETE')
    expect(serverNames()).toEqual(['c1-node-0', 'c1-node-1', 'c1-node-2'])
    expect(cloud.state.loadBalancer.members.size).toBe(3)
    expect(cloud.orphans().routers).toHaveLength(1)
    expect(cloud.orphans()['load balancers']).toHaveLength(1)

    const full = await getStack(session, 'c1')
    const outputs = outputValues(full.outputs)
    const ips = [...cloud.state.compute.servers.values()].map(
      (s) => cloud.state.network.ports.get(s.portIds[0] ?? '')?.fixed_ips[0]?.ip_address,
    )
    expect([...(outputs.node_ips as string[])].sort()).toEqual(ips.sort())
    expect(outputs.node_ips).toHaveLength(3)
    for (const ip of outputs.node_ips as string[]) expect(ip).toMatch(/^10\.0\.0\.\d+$/)
    const fips = [...cloud.state.network.floatingIps.values()].map((f) => f.floating_ip_address)
    expect([...(outputs.node_floating_ips as string[])].sort()).toEqual(fips.sort())
    expect(outputs.first_node_ip).toBe((outputs.node_ips as string[])[0])
    expect(outputs.api_address).toBe([...cloud.state.loadBalancer.loadBalancers.values()][0]?.vip_address)

    // Events: IN_PROGRESS then COMPLETE for each top-level resource, streamed once each.
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
    expect(events.filter((e) => e.resource_name === 'nodes').map((e) => e.resource_status)).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_COMPLETE',
    ])
    expect(events.at(-1)?.resource_status).toBe('CREATE_COMPLETE')

    // Nested listing: the group's members and each node's resources carry their parent.
    const resources = await listResources(session, 'c1', { nestedDepth: 2 })
    const servers = resources.filter((r) => r.resource_type === 'OS::Nova::Server')
    expect(servers).toHaveLength(3)
    expect(new Set(servers.map((r) => r.parent_resource))).toEqual(new Set(['0', '1', '2']))
    expect(
      resources
        .filter((r) => r.parent_resource === 'nodes')
        .map((r) => r.resource_name)
        .sort(),
    ).toEqual(['0', '1', '2'])
    const top = await listResources(session, 'c1')
    expect(top.map((r) => r.resource_name).sort()).toEqual(
      Object.keys(clusterTemplate.resources ?? {}).sort(),
    )

    const nested = await toArray(listStacks(session, { showNested: true }))
    expect(nested.length).toBe(5) // c1, the group's stack and three node stacks
    expect((await toArray(listStacks(session))).map((s) => s.stack_name)).toEqual(['c1'])
    expect((await toArray(listStacks(session, { tags: ['demo'] }))).map((s) => s.stack_name)).toEqual(['c1'])
    expect(await toArray(listStacks(session, { tags: ['other'] }))).toEqual([])

    // Events with a marker: only what came after it.
    const all = await toArray(listEvents(session, 'c1'))
    const middle = all[Math.floor(all.length / 2)]
    const after = await toArray(listEvents(session, 'c1', { marker: middle?.id as string }))
    expect(after.map((e) => e.id)).toEqual(all.slice(Math.floor(all.length / 2) + 1).map((e) => e.id))
  })

  it('scales a ResourceGroup 3 → 5 → 2, removing exactly the members named in removal_policies', async () => {
    const session = cloud.session()
    await createStack(session, { name: 'c2', template: clusterTemplate, files })
    await waitForStack(session, 'c2', { until: 'CREATE_COMPLETE', ...virtual() })

    await updateStack(session, 'c2', { existing: true, parameters: { node_count: 5 } })
    await waitForStack(session, 'c2', { until: 'UPDATE_COMPLETE', ...virtual() })
    expect(serverNames()).toEqual(['c2-node-0', 'c2-node-1', 'c2-node-2', 'c2-node-3', 'c2-node-4'])
    expect(cloud.state.loadBalancer.members.size).toBe(5)

    await updateStack(session, 'c2', { existing: true, parameters: { node_count: 2, removal_list: '0,2,3' } })
    const stack = await waitForStack(session, 'c2', { until: 'UPDATE_COMPLETE', ...virtual() })
    expect(serverNames()).toEqual(['c2-node-1', 'c2-node-4'])
    expect(cloud.state.loadBalancer.members.size).toBe(2)
    expect(cloud.state.network.floatingIps.size).toBe(2)
    // PATCH kept the parameters it was not given.
    expect(stack.parameters.cidr).toBe('10.0.0.0/24')
    const outputs = outputValues((await getStack(session, 'c2')).outputs)
    expect(outputs.node_ips).toHaveLength(2)

    await deleteStack(session, 'c2')
    const deleted = await waitForStack(session, 'c2', { until: 'DELETE_COMPLETE', ...virtual() })
    expect(deleted?.stack_status ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE')
    cloud.assertNoOrphans()
    expect(await toArray(listStacks(session))).toEqual([])
  })

  it('fails the stack on a resource made to fail, and StackFailedError names it', async () => {
    const session = cloud.session()
    cloud.heat.failResource('c3', 'server', 'No valid host was found.')
    await createStack(session, { name: 'c3', template: clusterTemplate, files })
    const error = await waitForStack(session, 'c3', { until: 'CREATE_COMPLETE', ...virtual() }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(StackFailedError)
    const failed = error as StackFailedError
    expect(failed.status).toBe('CREATE_FAILED')
    expect(failed.failedResources[0]?.name).toBe('server')
    expect(failed.failedResources[0]?.statusReason).toContain('No valid host was found.')
    expect(failed.message).toContain('server')

    await deleteStack(session, 'c3')
    await waitForStack(session, 'c3', { until: 'DELETE_COMPLETE', ...virtual() })
    cloud.assertNoOrphans()
  })

  it('refuses an unknown type with a 400 naming it, as Heat does', async () => {
    const session = cloud.session()
    const template = { heat_template_version: '2018-08-31', resources: { x: { type: 'OS::Foo::Bar' } } }
    const error = await createStack(session, { name: 'bad', template }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as BadRequestError).message).toContain('OS::Foo::Bar')
  })

  it('fails an update that scales a group into an unknown type, naming the type', async () => {
    const session = cloud.session()
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { count: { type: 'number', default: 0 } },
      resources: {
        group: {
          type: 'OS::Heat::ResourceGroup',
          properties: { count: { get_param: 'count' }, resource_def: { type: 'My::Missing::Type' } },
        },
      },
    }
    await createStack(session, { name: 'g', template })
    await waitForStack(session, 'g', { until: 'CREATE_COMPLETE', ...virtual() })
    const error = await updateStack(session, 'g', { existing: true, parameters: { count: 2 } }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('My::Missing::Type')
  })

  it('rejects a parameter outside its constraints with a 400', async () => {
    const session = cloud.session()
    const error = await createStack(session, {
      name: 'c4',
      template: clusterTemplate,
      files,
      parameters: { node_count: 42 },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain("Parameter 'node_count' is invalid")
    expect(await toArray(listStacks(session))).toEqual([])
  })

  it('evaluates conditions, str_replace, repeat and resource_registry mappings', async () => {
    const session = cloud.session()
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { env: { type: 'string', default: 'prod' } },
      conditions: { is_prod: { equals: [{ get_param: 'env' }, 'prod'] } },
      resources: {
        value: {
          type: 'OS::Heat::Value',
          properties: {
            value: {
              str_replace: { template: 'hello $who', params: { $who: { if: ['is_prod', 'world', 'dev'] } } },
            },
          },
        },
        rules: {
          type: 'OS::Heat::Value',
          properties: {
            value: { repeat: { for_each: { '<%port%>': [22, 80] }, template: { port: '<%port%>' } } },
          },
        },
        skipped: { type: 'OS::Heat::Value', condition: { not: 'is_prod' }, properties: { value: 1 } },
        vm: { type: 'OS::Nova::Server', properties: { flavor: 'm1.small', image: 'nope' } },
      },
      outputs: {
        greeting: { value: { get_attr: ['value', 'value'] } },
        rules: { value: { get_attr: ['rules', 'value'] } },
      },
    }
    await createStack(session, {
      name: 'fn',
      template,
      environment: { resource_registry: { 'OS::Nova::Server': 'OS::Heat::None' } },
    })
    const stack = await waitForStack(session, 'fn', { until: 'CREATE_COMPLETE', ...virtual() })
    expect(stack.stack_status).toBe('CREATE_COMPLETE')
    const outputs = outputValues((await getStack(session, 'fn')).outputs)
    expect(outputs).toEqual({ greeting: 'hello world', rules: [{ port: 22 }, { port: 80 }] })
    const names = (await listResources(session, 'fn')).map((r) => r.resource_name).sort()
    expect(names).toEqual(['rules', 'value', 'vm'])
    expect(cloud.state.compute.servers.size).toBe(0)
  })
})

async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
