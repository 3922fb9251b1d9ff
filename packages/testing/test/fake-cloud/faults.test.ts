import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, login } from './helpers.js'

describe('fault injection', () => {
  it('fails a service three times with 503 in its own envelope, then heals', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const fault = cloud.faults.fail('compute', 503, 3)
    const statuses: number[] = []
    let body: unknown
    for (let i = 0; i < 4; i++) {
      const res = await call(cloud, token, 'GET', '/compute/v2.1/flavors')
      statuses.push(res.status)
      if (i === 0) body = res.body
    }
    expect(statuses).toEqual([503, 503, 503, 200])
    expect(body).toEqual({ serviceUnavailable: { code: 503, message: 'Injected fault: 503' } })
    expect(fault.hits()).toBe(3)
    expect(cloud.faults.list()).toEqual([])
    // Other services were never affected.
    expect((await call(cloud, token, 'GET', '/networking/v2.0/networks')).status).toBe(200)
  })

  it('targets one route by method and path', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    cloud.faults.add({
      service: 'network',
      method: 'POST',
      path: '/floatingips',
      status: 409,
      message: 'No more IP addresses available',
    })
    const pub = [...cloud.state.network.networks.values()].find((n) => n.name === 'public')!
    const res = await call(cloud, token, 'POST', '/networking/v2.0/floatingips', {
      floatingip: { floating_network_id: pub.id },
    })
    expect(res.status).toBe(409)
    expect(res.body.NeutronError.message).toBe('No more IP addresses available')
    expect((await call(cloud, token, 'GET', '/networking/v2.0/floatingips')).status).toBe(200)
  })

  it('drops connections so fetch rejects like a closed socket', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    cloud.faults.drop('image', 1)
    await expect(call(cloud, token, 'GET', '/image/v2/images')).rejects.toThrow(TypeError)
    expect((await call(cloud, token, 'GET', '/image/v2/images')).status).toBe(200)
  })

  it('adds latency to a service', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const handle = cloud.faults.latency('compute', 60)
    const started = performance.now()
    await call(cloud, token, 'GET', '/compute/v2.1/flavors')
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    handle.remove()
    expect(cloud.faults.list()).toEqual([])
  })

  it('delays every answer by the latencyMs option', async () => {
    const cloud = createFakeCloud({ latencyMs: 40 })
    const started = performance.now()
    await cloud.fetch(`${cloud.origin}/compute/v2.1/`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(35)
  })

  it('expires or revokes every token issued so far', async () => {
    const cloud = createFakeCloud()
    const first = await login(cloud)
    cloud.faults.expireTokens()
    expect((await call(cloud, first.token, 'GET', '/compute/v2.1/flavors')).status).toBe(401)
    const second = await login(cloud)
    expect((await call(cloud, second.token, 'GET', '/compute/v2.1/flavors')).status).toBe(200)
    cloud.faults.revokeTokens()
    expect((await call(cloud, second.token, 'GET', '/compute/v2.1/flavors')).status).toBe(401)
  })
})
