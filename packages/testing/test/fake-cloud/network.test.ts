import { describe, expect, it } from 'vitest'
import { createFakeCloud, defaultWorld } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

const neutron = '/networking/v2.0'

describe('fake Neutron', () => {
  it('shows the external network to every project and filters on router:external', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const external = await call(cloud, token, 'GET', `${neutron}/networks?router:external=true`)
    expect(external.body.networks.map((n: Json) => n.name)).toEqual(['public'])
    const mine = await call(cloud, token, 'GET', `${neutron}/networks?router:external=false`)
    expect(mine.body.networks.map((n: Json) => n.name)).toEqual(['private'])
    const fields = await call(cloud, token, 'GET', `${neutron}/networks?name=public&fields=id&fields=name`)
    expect(Object.keys(fields.body.networks[0]).sort()).toEqual(['id', 'name'])
    const ext = await call(cloud, token, 'GET', `${neutron}/extensions`)
    expect(ext.body.extensions.map((e: Json) => e.alias)).toEqual(
      expect.arrayContaining(['router', 'external-net', 'security-group']),
    )
  })

  it('creates a network, subnet, router and interface, and refuses deletes in use with 409', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const publicNet = (await call(cloud, token, 'GET', `${neutron}/networks?name=public`)).body.networks[0]
    const net = (
      await call(cloud, token, 'POST', `${neutron}/networks`, { network: { name: 'cluster-net' } })
    ).body.network
    const subnetRes = await call(cloud, token, 'POST', `${neutron}/subnets`, {
      subnet: { network_id: net.id, cidr: '10.0.10.0/24', ip_version: 4 },
    })
    expect(subnetRes.status).toBe(201)
    expect(subnetRes.body.subnet).toMatchObject({
      gateway_ip: '10.0.10.1',
      allocation_pools: [{ start: '10.0.10.2', end: '10.0.10.254' }],
    })
    const subnet = subnetRes.body.subnet
    const router = (
      await call(cloud, token, 'POST', `${neutron}/routers`, {
        router: { name: 'r', external_gateway_info: { network_id: publicNet.id } },
      })
    ).body.router
    expect(router.external_gateway_info.external_fixed_ips[0].ip_address).toMatch(/^172\.24\.4\./)
    const iface = await call(cloud, token, 'PUT', `${neutron}/routers/${router.id}/add_router_interface`, {
      subnet_id: subnet.id,
    })
    expect(iface.status).toBe(200)
    const busyNet = await call(cloud, token, 'DELETE', `${neutron}/networks/${net.id}`)
    expect(busyNet.status).toBe(409)
    expect(busyNet.body.NeutronError.type).toBe('NetworkInUse')
    const busyRouter = await call(cloud, token, 'DELETE', `${neutron}/routers/${router.id}`)
    expect(busyRouter.body.NeutronError.type).toBe('RouterInUse')
    await call(cloud, token, 'PUT', `${neutron}/routers/${router.id}/remove_router_interface`, {
      subnet_id: subnet.id,
    })
    expect((await call(cloud, token, 'DELETE', `${neutron}/routers/${router.id}`)).status).toBe(204)
    expect((await call(cloud, token, 'DELETE', `${neutron}/networks/${net.id}`)).status).toBe(204)
    const gone = await call(cloud, token, 'GET', `${neutron}/subnets/${subnet.id}`)
    expect(gone.status).toBe(404)
    expect(gone.body.NeutronError).toEqual({
      type: 'SubnetNotFound',
      message: `Subnet ${subnet.id} could not be found.`,
      detail: '',
    })
    cloud.assertNoOrphans()
  })

  it('allocates floating IPs from the pool, associates them through a router, and runs out with 409', async () => {
    const world = defaultWorld()
    const publicSpec = world.networks!.find((n) => n.name === 'public')!
    publicSpec.subnets![0]!.allocationPools = [{ start: '172.24.4.10', end: '172.24.4.12' }]
    const cloud = createFakeCloud({ world })
    const { token } = await login(cloud)
    const pub = (await call(cloud, token, 'GET', `${neutron}/networks?name=public`)).body.networks[0]
    const privateNet = (await call(cloud, token, 'GET', `${neutron}/networks?name=private`)).body.networks[0]
    // router1's gateway already holds 172.24.4.10
    const port = (
      await call(cloud, token, 'POST', `${neutron}/ports`, { port: { network_id: privateNet.id } })
    ).body.port
    const first = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id, port_id: port.id },
    })
    expect(first.status).toBe(201)
    expect(first.body.floatingip).toMatchObject({
      floating_ip_address: '172.24.4.11',
      port_id: port.id,
      fixed_ip_address: port.fixed_ips[0].ip_address,
      status: 'ACTIVE',
    })
    const second = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id },
    })
    expect(second.body.floatingip.floating_ip_address).toBe('172.24.4.12')
    const third = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id },
    })
    expect(third.status).toBe(409)
    expect(third.body.NeutronError.type).toBe('IpAddressGenerationFailure')
    // Deleting the port detaches its floating IP; deleting the IP frees the address.
    await call(cloud, token, 'DELETE', `${neutron}/ports/${port.id}`)
    const detached = await call(cloud, token, 'GET', `${neutron}/floatingips/${first.body.floatingip.id}`)
    expect(detached.body.floatingip).toMatchObject({ port_id: null, status: 'DOWN' })
    await call(cloud, token, 'DELETE', `${neutron}/floatingips/${first.body.floatingip.id}`)
    const again = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id },
    })
    expect(again.body.floatingip.floating_ip_address).toBe('172.24.4.11')
  })

  it('refuses a floating IP on a port whose subnet has no router to the external network', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const pub = (await call(cloud, token, 'GET', `${neutron}/networks?name=public`)).body.networks[0]
    const net = (await call(cloud, token, 'POST', `${neutron}/networks`, { network: { name: 'isolated' } }))
      .body.network
    await call(cloud, token, 'POST', `${neutron}/subnets`, {
      subnet: { network_id: net.id, cidr: '192.168.5.0/24' },
    })
    const port = (await call(cloud, token, 'POST', `${neutron}/ports`, { port: { network_id: net.id } })).body
      .port
    const res = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id, port_id: port.id },
    })
    expect(res.status).toBe(404)
    expect(res.body.NeutronError.type).toBe('ExternalGatewayForFloatingIPNotFound')
  })

  it('creates the default security group on first use and manages rules', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const groups = await call(cloud, token, 'GET', `${neutron}/security-groups`)
    const def = groups.body.security_groups.find((g: Json) => g.name === 'default')
    expect(def.security_group_rules).toHaveLength(4)
    const sg = (
      await call(cloud, token, 'POST', `${neutron}/security-groups`, {
        security_group: { name: 'k8s-master' },
      })
    ).body.security_group
    expect(sg.security_group_rules.map((r: Json) => r.direction)).toEqual(['egress', 'egress'])
    const rule = {
      security_group_id: sg.id,
      direction: 'ingress',
      protocol: 'tcp',
      port_range_min: 6443,
      port_range_max: 6443,
    }
    expect(
      (await call(cloud, token, 'POST', `${neutron}/security-group-rules`, { security_group_rule: rule }))
        .status,
    ).toBe(201)
    const dup = await call(cloud, token, 'POST', `${neutron}/security-group-rules`, {
      security_group_rule: rule,
    })
    expect(dup.status).toBe(409)
    expect(dup.body.NeutronError.type).toBe('SecurityGroupRuleExists')
    expect((await call(cloud, token, 'DELETE', `${neutron}/security-groups/${sg.id}`)).status).toBe(204)
  })

  it('pages ports with limit and marker', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const net = (await call(cloud, token, 'GET', `${neutron}/networks?name=private`)).body.networks[0]
    for (let i = 0; i < 3; i++)
      await call(cloud, token, 'POST', `${neutron}/ports`, { port: { network_id: net.id, name: `p${i}` } })
    const names: string[] = []
    let url: string | undefined = `${neutron}/ports?device_owner=&limit=2`
    while (url) {
      const page = await call(cloud, token, 'GET', url)
      names.push(...page.body.ports.map((p: Json) => p.name))
      url = page.body.ports_links?.find((l: Json) => l.rel === 'next')?.href
    }
    expect(names).toEqual(['p0', 'p1', 'p2'])
  })

  it('reports quotas with usage and refuses creation over quota with OverQuota', async () => {
    const world = defaultWorld()
    world.networkQuotas = { floatingip: 1 }
    const cloud = createFakeCloud({ world })
    const { token, projectId } = await login(cloud)
    const pub = (await call(cloud, token, 'GET', `${neutron}/networks?name=public`)).body.networks[0]
    expect(
      (
        await call(cloud, token, 'POST', `${neutron}/floatingips`, {
          floatingip: { floating_network_id: pub.id },
        })
      ).status,
    ).toBe(201)
    const over = await call(cloud, token, 'POST', `${neutron}/floatingips`, {
      floatingip: { floating_network_id: pub.id },
    })
    expect(over.status).toBe(409)
    expect(over.body.NeutronError).toMatchObject({
      type: 'OverQuota',
      message: "Quota exceeded for resources: ['floatingip'].",
    })
    const quota = await call(cloud, token, 'GET', `${neutron}/quotas/${projectId}`)
    expect(quota.body.quota).toMatchObject({ floatingip: 1, network: 100 })
    const details = await call(cloud, token, 'GET', `${neutron}/quotas/${projectId}/details`)
    expect(details.body.quota.floatingip).toEqual({ limit: 1, used: 1, reserved: 0 })
    expect(details.body.quota.network).toEqual({ limit: 100, used: 1, reserved: 0 })
  })
})
