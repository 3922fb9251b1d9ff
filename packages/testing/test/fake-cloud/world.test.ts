import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeCloud, loadWorld, WorldError } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

function worldFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-world-'))
  const path = join(dir, 'world.yaml')
  writeFileSync(path, text)
  return path
}

describe('worlds', () => {
  it('seeds a cloud from a YAML world file', async () => {
    const path = worldFile(`
region: Lab
domains: [{ name: Default, id: default }]
projects: [{ name: ops }]
roles: [member]
users:
  - { name: alice, password: secret, defaultProject: ops, roles: { ops: [member] } }
flavors:
  - { name: c1.large, vcpus: 8, ram: 16384, disk: 80, id: big }
images:
  - { name: fcos, owner: ops, properties: { os_distro: fedora-coreos } }
networks:
  - name: ext
    project: ops
    external: true
    subnets: [{ cidr: 203.0.113.0/28 }]
volumeTypes: [{ name: ssd, default: true }]
keypairs: [{ name: alice-key, user: alice }]
`)
    const cloud = createFakeCloud({ world: loadWorld(path) })
    const { token, body, projectId } = await login(cloud, 'alice', 'ops')
    expect(body.token.catalog[0].endpoints[0].region).toBe('Lab')
    expect((await call(cloud, token, 'GET', '/compute/v2.1/flavors/big')).body.flavor.vcpus).toBe(8)
    expect(
      (await call(cloud, token, 'GET', '/image/v2/images?os_distro=fedora-coreos')).body.images,
    ).toHaveLength(1)
    expect(
      (await call(cloud, token, 'GET', `/volume/v3/${projectId}/types/default`)).body.volume_type.name,
    ).toBe('ssd')
    const subnet = (await call(cloud, token, 'GET', '/networking/v2.0/subnets')).body.subnets[0] as Json
    expect(subnet).toMatchObject({
      cidr: '203.0.113.0/28',
      gateway_ip: '203.0.113.1',
      allocation_pools: [{ start: '203.0.113.2', end: '203.0.113.14' }],
    })
    expect((await call(cloud, token, 'GET', '/compute/v2.1/os-keypairs/alice-key')).status).toBe(200)
  })

  it('names the field when a world file is wrong', () => {
    expect(() => loadWorld(worldFile('flavors: [{ name: x, vcpus: 1, ram: 1 }]'))).toThrow(
      /flavors\[0\]\.disk: is required/,
    )
    expect(() => loadWorld(worldFile('flavours: []'))).toThrow(/flavours: unknown key/)
    expect(() => loadWorld('/nonexistent/world.yaml')).toThrow(WorldError)
    expect(() => loadWorld('/nonexistent/world.yaml')).toThrow(
      expect.objectContaining({ code: 'WORLD_INVALID' }),
    )
    expect(() =>
      createFakeCloud({
        world: {
          projects: [{ name: 'p' }],
          users: [{ name: 'u', password: 'p', roles: { nope: ['member'] } }],
        },
      }),
    ).toThrow(/users\[0\]\.roles\.nope: no project named 'nope'/)
  })

  it('names the option when createFakeCloud options are wrong', () => {
    expect(() => createFakeCloud({ origin: 'http://openstack.test/identity' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', key: 'createFakeCloud.origin' }),
    )
    expect(() => createFakeCloud({ buildSeconds: -1 })).toThrow(
      /createFakeCloud\.buildSeconds: must be a number ≥ 0/,
    )
    expect(() => createFakeCloud({ tokenLifetimeSeconds: 0 })).toThrow(/tokenLifetimeSeconds/)
    expect(() =>
      createFakeCloud({ world: { flavors: [] }, origin: 'https://cloud.example:8443' }),
    ).not.toThrow()
  })
})
