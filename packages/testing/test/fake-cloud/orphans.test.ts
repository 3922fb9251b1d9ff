import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, login } from './helpers.js'

describe('assertNoOrphans and reset', () => {
  it('passes on the seeded world and lists each leftover by kind', async () => {
    const cloud = createFakeCloud()
    cloud.assertNoOrphans()
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()][0]!.id
    const server = await call(cloud, token, 'POST', '/compute/v2.1/servers', {
      server: { name: 'leaky', flavorRef: '2', imageRef: image },
    })
    const pub = [...cloud.state.network.networks.values()].find((n) => n.name === 'public')!
    const fip = await call(cloud, token, 'POST', '/networking/v2.0/floatingips', {
      floatingip: { floating_network_id: pub.id },
    })
    await call(cloud, token, 'POST', '/key-manager/v1/secrets', {
      name: 'forgotten',
      payload: 'x',
      payload_content_type: 'text/plain',
    })

    expect(() => cloud.assertNoOrphans()).toThrow(/servers: .*\(leaky\)/)
    const left = cloud.orphans()
    expect(Object.keys(left).sort()).toEqual(['floating IPs', 'ports', 'secrets', 'servers'])
    expect(left['floating IPs']).toEqual([fip.body.floatingip.id])
    expect(left.secrets?.[0]).toContain('(forgotten)')

    await call(cloud, token, 'DELETE', `/compute/v2.1/servers/${server.body.server.id}`)
    await call(cloud, token, 'DELETE', `/networking/v2.0/floatingips/${fip.body.floatingip.id}`)
    expect(Object.keys(cloud.orphans())).toEqual(['secrets'])
  })

  it('reset() restores the seeded world and lifts faults, keeping the same state object', async () => {
    const cloud = createFakeCloud()
    const state = cloud.state
    const { token } = await login(cloud)
    await call(cloud, token, 'POST', '/networking/v2.0/networks', { network: { name: 'temp' } })
    cloud.faults.fail('compute', 500)
    cloud.reset()
    expect(cloud.state).toBe(state)
    cloud.assertNoOrphans()
    expect(cloud.faults.list()).toEqual([])
    // Tokens are part of the state: log in again after a reset.
    expect((await call(cloud, token, 'GET', '/compute/v2.1/flavors')).status).toBe(401)
    const again = await login(cloud)
    expect((await call(cloud, again.token, 'GET', '/compute/v2.1/flavors')).status).toBe(200)
  })
})
