import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, login } from './helpers.js'

describe('fake Cinder', () => {
  it('serves volume types including /types/default', async () => {
    const cloud = createFakeCloud()
    const { token, projectId } = await login(cloud)
    const base = `/volume/v3/${projectId}`
    const def = await call(cloud, token, 'GET', `${base}/types/default`)
    expect(def.status).toBe(200)
    expect(def.body.volume_type.name).toBe('lvmdriver-1')
    const byName = await call(cloud, token, 'GET', `${base}/types/lvmdriver-1`)
    expect(byName.body.volume_type.id).toBe(def.body.volume_type.id)
    const missing = await call(cloud, token, 'GET', `${base}/types/nope`)
    expect(missing.status).toBe(404)
    expect(missing.body.itemNotFound.code).toBe(404)
  })

  it('creates a volume, attaches it through Nova, refuses deleting it in use, and cleans up', async () => {
    const cloud = createFakeCloud({ buildSeconds: 5 })
    const { token, projectId } = await login(cloud)
    const base = `/volume/v3/${projectId}`
    const created = await call(cloud, token, 'POST', `${base}/volumes`, {
      volume: { size: 10, name: 'etcd' },
    })
    expect(created.status).toBe(202)
    expect(created.body.volume).toMatchObject({ status: 'creating', volume_type: 'lvmdriver-1', size: 10 })
    const id = created.body.volume.id
    cloud.clock.advance(5_000)
    expect((await call(cloud, token, 'GET', `${base}/volumes/${id}`)).body.volume.status).toBe('available')
    const image = [...cloud.state.image.images.values()][0]!.id
    const server = await call(cloud, token, 'POST', '/compute/v2.1/servers', {
      server: { name: 's', flavorRef: '2', imageRef: image },
    })
    cloud.clock.advance(5_000)
    const serverId = server.body.server.id
    const attach = await call(
      cloud,
      token,
      'POST',
      `/compute/v2.1/servers/${serverId}/os-volume_attachments`,
      { volumeAttachment: { volumeId: id } },
    )
    expect(attach.body.volumeAttachment).toMatchObject({ volumeId: id, serverId, device: '/dev/vdb' })
    const inUse = await call(cloud, token, 'GET', `${base}/volumes/${id}`)
    expect(inUse.body.volume.status).toBe('in-use')
    expect(inUse.body.volume.attachments[0].server_id).toBe(serverId)
    const refused = await call(cloud, token, 'DELETE', `${base}/volumes/${id}`)
    expect(refused.status).toBe(400)
    expect(refused.body.badRequest.message).toContain('Volume status must be available')
    await call(cloud, token, 'DELETE', `/compute/v2.1/servers/${serverId}`)
    expect((await call(cloud, token, 'GET', `${base}/volumes/${id}`)).body.volume.status).toBe('available')
    expect((await call(cloud, token, 'DELETE', `${base}/volumes/${id}`)).status).toBe(202)
    cloud.assertNoOrphans()
  })

  it('pages volumes and echoes the volume microversion', async () => {
    const cloud = createFakeCloud()
    const { token, projectId } = await login(cloud)
    const base = `/volume/v3/${projectId}`
    for (const name of ['a', 'b', 'c'])
      await call(cloud, token, 'POST', `${base}/volumes`, { volume: { size: 1, name } })
    const first = await call(cloud, token, 'GET', `${base}/volumes/detail?limit=2`, undefined, {
      'OpenStack-API-Version': 'volume 3.50',
    })
    expect(first.headers.get('openstack-api-version')).toBe('volume 3.50')
    expect(first.body.volumes.map((v: { name: string }) => v.name)).toEqual(['a', 'b'])
    const rest = await call(cloud, token, 'GET', first.body.volumes_links[0].href)
    expect(rest.body.volumes.map((v: { name: string }) => v.name)).toEqual(['c'])
  })

  it("refuses a project id in the URL other than the token's", async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const admin = await login(cloud, 'admin')
    const res = await call(cloud, token, 'GET', `/volume/v3/${admin.projectId}/volumes`)
    expect(res.status).toBe(400)
    expect(res.body.badRequest.message).toBe('Malformed request url')
  })
})
