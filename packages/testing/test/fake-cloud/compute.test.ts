import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

const nova = '/compute/v2.1'

describe('fake Nova', () => {
  it('lists the seeded flavors and pages them with limit/marker', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const all = await call(cloud, token, 'GET', `${nova}/flavors/detail`)
    expect(all.body.flavors.map((f: Json) => [f.id, f.name, f.vcpus, f.ram])).toEqual([
      ['2', 'm1.small', 1, 2048],
      ['3', 'm1.medium', 2, 4096],
    ])
    const first = await call(cloud, token, 'GET', `${nova}/flavors?limit=1`)
    expect(first.body.flavors.map((f: Json) => f.name)).toEqual(['m1.small'])
    const next = first.body.flavors_links[0].href as string
    expect(next).toBe('http://openstack.test/compute/v2.1/flavors?limit=1&marker=2')
    const second = await call(cloud, token, 'GET', next)
    expect(second.body.flavors.map((f: Json) => f.name)).toEqual(['m1.medium'])
    expect(second.body.flavors_links).toBeUndefined()
    const missing = await call(cloud, token, 'GET', `${nova}/flavors/999`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor 999 could not be found.' } })
  })

  it('echoes the requested microversion and refuses one out of range with 406', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const ok = await call(cloud, token, 'GET', `${nova}/flavors`, undefined, {
      'OpenStack-API-Version': 'compute 2.60',
    })
    expect(ok.headers.get('openstack-api-version')).toBe('compute 2.60')
    expect(ok.headers.get('x-compute-request-id')).toBe(ok.headers.get('x-openstack-request-id'))
    const bad = await call(cloud, token, 'GET', `${nova}/flavors`, undefined, {
      'OpenStack-API-Version': 'compute 9.0',
    })
    expect(bad.status).toBe(406)
    const root = await call(cloud, token, 'GET', `${nova}/`)
    expect(root.body.version).toMatchObject({ id: 'v2.1', min_version: '2.1', version: '2.96' })
  })

  it('imports, generates (before 2.92), shows and deletes key pairs per user', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const seeded = await call(cloud, token, 'GET', `${nova}/os-keypairs`)
    expect(seeded.body.keypairs.map((k: Json) => k.keypair.name)).toEqual(['default'])
    const generated = await call(
      cloud,
      token,
      'POST',
      `${nova}/os-keypairs`,
      { keypair: { name: 'gen' } },
      { 'OpenStack-API-Version': 'compute 2.10' },
    )
    expect(generated.status).toBe(201)
    expect(generated.body.keypair.private_key).toContain('BEGIN RSA PRIVATE KEY')
    expect(generated.body.keypair.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/)
    const needsKey = await call(
      cloud,
      token,
      'POST',
      `${nova}/os-keypairs`,
      { keypair: { name: 'x' } },
      { 'OpenStack-API-Version': 'compute 2.92' },
    )
    expect(needsKey.status).toBe(400)
    const dup = await call(cloud, token, 'POST', `${nova}/os-keypairs`, {
      keypair: { name: 'gen', public_key: generated.body.keypair.public_key },
    })
    expect(dup.status).toBe(409)
    expect(dup.body.conflictingRequest.message).toBe("Key pair 'gen' already exists.")
    // Key pairs belong to users: admin does not see demo's.
    const admin = await login(cloud, 'admin')
    expect((await call(cloud, admin.token, 'GET', `${nova}/os-keypairs/gen`)).status).toBe(404)
    expect(
      (
        await call(cloud, token, 'DELETE', `${nova}/os-keypairs/gen`, undefined, {
          'OpenStack-API-Version': 'compute 2.2',
        })
      ).status,
    ).toBe(204)
  })

  it('boots a server with a port and fixed IP on the network, then deletes both', async () => {
    const cloud = createFakeCloud({ buildSeconds: 30 })
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()].find((i) => i.name === 'fedora-atomic-latest')!
    const created = await call(cloud, token, 'POST', `${nova}/servers`, {
      server: {
        name: 'kube-master-0',
        flavorRef: '2',
        imageRef: image.id,
        key_name: 'default',
        metadata: { role: 'master' },
      },
    })
    expect(created.status).toBe(202)
    expect(created.headers.get('location')).toBe(
      `http://openstack.test/compute/v2.1/servers/${created.body.server.id}`,
    )
    const id = created.body.server.id
    const building = await call(cloud, token, 'GET', `${nova}/servers/${id}`)
    expect(building.body.server.status).toBe('BUILD')
    cloud.clock.advance(30_000)
    const active = await call(cloud, token, 'GET', `${nova}/servers/${id}`, undefined, {
      'OpenStack-API-Version': 'compute 2.47',
    })
    expect(active.body.server).toMatchObject({
      status: 'ACTIVE',
      name: 'kube-master-0',
      key_name: 'default',
      metadata: { role: 'master' },
    })
    expect(active.body.server.flavor.original_name).toBe('m1.small')
    const address = active.body.server.addresses.private[0]
    expect(address).toMatchObject({ version: 4, 'OS-EXT-IPS:type': 'fixed' })
    expect(address.addr).toMatch(/^10\.0\.0\.\d+$/)
    const ports = await call(cloud, token, 'GET', `/networking/v2.0/ports?device_id=${id}`)
    expect(ports.body.ports).toHaveLength(1)
    expect(ports.body.ports[0].fixed_ips[0].ip_address).toBe(address.addr)
    const pub = (await call(cloud, token, 'GET', '/networking/v2.0/networks?name=public')).body.networks[0]
    const fip = await call(cloud, token, 'POST', '/networking/v2.0/floatingips', {
      floatingip: { floating_network_id: pub.id, port_id: ports.body.ports[0].id },
    })
    const withFip = await call(cloud, token, 'GET', `${nova}/servers/${id}`)
    expect(withFip.body.server.addresses.private.map((a: Json) => [a['OS-EXT-IPS:type'], a.addr])).toEqual([
      ['fixed', address.addr],
      ['floating', fip.body.floatingip.floating_ip_address],
    ])
    await call(cloud, token, 'DELETE', `/networking/v2.0/floatingips/${fip.body.floatingip.id}`)
    expect((await call(cloud, token, 'DELETE', `${nova}/servers/${id}`)).status).toBe(204)
    expect((await call(cloud, token, 'GET', `/networking/v2.0/ports?device_id=${id}`)).body.ports).toEqual([])
    expect((await call(cloud, token, 'GET', `${nova}/servers/${id}`)).status).toBe(404)
    cloud.assertNoOrphans()
  })

  it('rejects unknown flavors, images and key names with Nova 400s', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()][0]!.id
    const cases: [Json, string][] = [
      [{ name: 'a', flavorRef: '99', imageRef: image }, 'Flavor 99 could not be found.'],
      [{ name: 'a', flavorRef: '2', imageRef: 'nope' }, 'Image nope could not be found.'],
      [{ name: 'a', flavorRef: '2', imageRef: image, key_name: 'nope' }, 'Invalid key_name provided.'],
    ]
    for (const [server, message] of cases) {
      const res = await call(cloud, token, 'POST', `${nova}/servers`, { server })
      expect(res.status).toBe(400)
      expect(res.body.badRequest.message).toBe(message)
    }
    cloud.assertNoOrphans()
  })

  it('enforces the instance quota and reports usage in /limits', async () => {
    const cloud = createFakeCloud({
      world: {
        ...(await import('../../src/index.js')).defaultWorld(),
        computeLimits: { maxTotalInstances: 1 },
      },
    })
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()][0]!.id
    const server = { name: 'a', flavorRef: '3', imageRef: image }
    expect((await call(cloud, token, 'POST', `${nova}/servers`, { server })).status).toBe(202)
    const over = await call(cloud, token, 'POST', `${nova}/servers`, { server })
    expect(over.status).toBe(403)
    expect(over.body.forbidden.message).toContain('Quota exceeded for instances')
    const limits = await call(cloud, token, 'GET', `${nova}/limits`)
    expect(limits.body.limits.absolute).toMatchObject({
      maxTotalInstances: 1,
      totalInstancesUsed: 1,
      totalCoresUsed: 2,
      totalRAMUsed: 4096,
    })
  })

  it('lists servers with name (regex) and status filters and pagination', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()][0]!.id
    for (const name of ['k8s-node-0', 'k8s-node-1', 'other']) {
      await call(cloud, token, 'POST', `${nova}/servers`, {
        server: { name, flavorRef: '2', imageRef: image },
      })
    }
    const nodes = await call(cloud, token, 'GET', `${nova}/servers/detail?name=node-`)
    expect(nodes.body.servers.map((s: Json) => s.name).sort()).toEqual(['k8s-node-0', 'k8s-node-1'])
    const page = await call(cloud, token, 'GET', `${nova}/servers?limit=2`)
    expect(page.body.servers).toHaveLength(2)
    const rest = await call(cloud, token, 'GET', page.body.servers_links[0].href)
    expect(rest.body.servers).toHaveLength(1)
    const admin = await login(cloud, 'admin')
    expect((await call(cloud, admin.token, 'GET', `${nova}/servers`)).body.servers).toHaveLength(0)
    expect(
      (await call(cloud, admin.token, 'GET', `${nova}/servers?all_tenants=1`)).body.servers,
    ).toHaveLength(3)
  })

  it('manages server groups (policy from 2.64), availability zones and membership', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const v = { 'OpenStack-API-Version': 'compute 2.64' }
    const group = await call(
      cloud,
      token,
      'POST',
      `${nova}/os-server-groups`,
      { server_group: { name: 'masters', policy: 'anti-affinity' } },
      v,
    )
    expect(group.body.server_group).toMatchObject({ name: 'masters', policy: 'anti-affinity', members: [] })
    const old = await call(cloud, token, 'GET', `${nova}/os-server-groups/${group.body.server_group.id}`)
    expect(old.body.server_group.policies).toEqual(['anti-affinity'])
    const image = [...cloud.state.image.images.values()][0]!.id
    const server = await call(cloud, token, 'POST', `${nova}/servers`, {
      server: { name: 'm', flavorRef: '2', imageRef: image },
      'os:scheduler_hints': { group: group.body.server_group.id },
    })
    const withMember = await call(
      cloud,
      token,
      'GET',
      `${nova}/os-server-groups/${group.body.server_group.id}`,
      undefined,
      v,
    )
    expect(withMember.body.server_group.members).toEqual([server.body.server.id])
    const zones = await call(cloud, token, 'GET', `${nova}/os-availability-zone`)
    expect(zones.body.availabilityZoneInfo).toEqual([
      { zoneName: 'nova', zoneState: { available: true }, hosts: null },
    ])
  })

  it('requires networks from microversion 2.37, and accepts flavor and image links', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const image = [...cloud.state.image.images.values()][0]!.id
    const v = { 'OpenStack-API-Version': 'compute 2.90' }
    const server = { name: 'n', flavorRef: 'http://openstack.test/compute/v2.1/flavors/2', imageRef: image }
    const missing = await call(cloud, token, 'POST', `${nova}/servers`, { server }, v)
    expect(missing.status).toBe(400)
    expect(missing.body.badRequest.message).toContain("'networks' is a required property")
    const none = await call(
      cloud,
      token,
      'POST',
      `${nova}/servers`,
      { server: { ...server, networks: 'none' } },
      v,
    )
    expect(none.status).toBe(202)
    const shown = await call(cloud, token, 'GET', `${nova}/servers/${none.body.server.id}`, undefined, v)
    expect(shown.body.server.addresses).toEqual({})
    expect(shown.body.server.flavor.original_name).toBe('m1.small')
    const auto = await call(
      cloud,
      token,
      'POST',
      `${nova}/servers`,
      { server: { ...server, networks: 'auto' } },
      v,
    )
    const autoShown = await call(cloud, token, 'GET', `${nova}/servers/${auto.body.server.id}`, undefined, v)
    expect(Object.keys(autoShown.body.server.addresses)).toEqual(['private'])
  })
})
