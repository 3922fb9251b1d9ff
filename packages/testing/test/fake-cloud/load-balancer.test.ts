import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, login } from './helpers.js'

const lbaas = '/load-balancer/v2/lbaas'

describe('fake Octavia', () => {
  it('builds a load balancer with a VIP port, listener, pool, member and monitor, then cascades the delete', async () => {
    const cloud = createFakeCloud({ buildSeconds: 10 })
    const { token } = await login(cloud)
    const subnet = [...cloud.state.network.subnets.values()].find((s) => s.name === 'private-subnet')!
    const created = await call(cloud, token, 'POST', `${lbaas}/loadbalancers`, {
      loadbalancer: { name: 'api-lb', vip_subnet_id: subnet.id },
    })
    expect(created.status).toBe(201)
    const lb = created.body.loadbalancer
    expect(lb).toMatchObject({
      provisioning_status: 'PENDING_CREATE',
      vip_subnet_id: subnet.id,
      vip_network_id: subnet.network_id,
    })
    const vip = await call(cloud, token, 'GET', `/networking/v2.0/ports/${lb.vip_port_id}`)
    expect(vip.body.port.fixed_ips[0].ip_address).toBe(lb.vip_address)
    // Immutable while pending.
    const early = await call(cloud, token, 'POST', `${lbaas}/listeners`, {
      listener: { loadbalancer_id: lb.id, protocol: 'TCP', protocol_port: 6443 },
    })
    expect(early.status).toBe(409)
    expect(early.body).toEqual({
      faultcode: 'Client',
      faultstring: `Load Balancer ${lb.id} is immutable and cannot be updated.`,
      debuginfo: null,
    })
    cloud.clock.advance(10_000)
    expect(
      (await call(cloud, token, 'GET', `${lbaas}/loadbalancers/${lb.id}`)).body.loadbalancer
        .provisioning_status,
    ).toBe('ACTIVE')
    const listener = (
      await call(cloud, token, 'POST', `${lbaas}/listeners`, {
        listener: { loadbalancer_id: lb.id, protocol: 'TCP', protocol_port: 6443 },
      })
    ).body.listener
    cloud.clock.advance(10_000)
    const pool = (
      await call(cloud, token, 'POST', `${lbaas}/pools`, {
        pool: { listener_id: listener.id, protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
      })
    ).body.pool
    expect(pool.listeners).toEqual([{ id: listener.id }])
    cloud.clock.advance(10_000)
    const member = await call(cloud, token, 'POST', `${lbaas}/pools/${pool.id}/members`, {
      member: { address: '10.0.0.5', protocol_port: 6443, subnet_id: subnet.id },
    })
    expect(member.status).toBe(201)
    cloud.clock.advance(10_000)
    const monitor = await call(cloud, token, 'POST', `${lbaas}/healthmonitors`, {
      healthmonitor: { pool_id: pool.id, type: 'TCP', delay: 5, timeout: 5, max_retries: 3 },
    })
    expect(monitor.status).toBe(201)
    cloud.clock.advance(10_000)
    const shown = await call(cloud, token, 'GET', `${lbaas}/pools/${pool.id}`)
    expect(shown.body.pool).toMatchObject({
      members: [{ id: member.body.member.id }],
      healthmonitor_id: monitor.body.healthmonitor.id,
    })

    const refused = await call(cloud, token, 'DELETE', `${lbaas}/loadbalancers/${lb.id}`)
    expect(refused.status).toBe(400)
    expect(refused.body.faultstring).toBe(`Cannot delete Load Balancer ${lb.id} - it has children`)
    expect((await call(cloud, token, 'DELETE', `${lbaas}/loadbalancers/${lb.id}?cascade=true`)).status).toBe(
      204,
    )
    expect(cloud.state.loadBalancer.members.size).toBe(0)
    expect((await call(cloud, token, 'GET', `/networking/v2.0/ports/${lb.vip_port_id}`)).status).toBe(404)
    cloud.assertNoOrphans()
  })

  it('lists with filters and 404s in the Octavia envelope', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const subnet = [...cloud.state.network.subnets.values()].find((s) => s.name === 'private-subnet')!
    for (const name of ['a', 'b'])
      await call(cloud, token, 'POST', `${lbaas}/loadbalancers`, {
        loadbalancer: { name, vip_subnet_id: subnet.id },
      })
    const only = await call(cloud, token, 'GET', `${lbaas}/loadbalancers?name=b`)
    expect(only.body.loadbalancers.map((l: { name: string }) => l.name)).toEqual(['b'])
    const missing = await call(cloud, token, 'GET', `${lbaas}/loadbalancers/nope`)
    expect(missing.status).toBe(404)
    expect(missing.body.faultcode).toBe('Client')
  })
})
