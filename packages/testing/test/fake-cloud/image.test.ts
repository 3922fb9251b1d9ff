import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

describe('fake Glance', () => {
  it('serves the seeded images with os_distro and filters on it', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const atomic = await call(cloud, token, 'GET', '/image/v2/images?os_distro=fedora-atomic')
    expect(atomic.body.images.map((i: Json) => i.name)).toEqual(['fedora-atomic-latest'])
    expect(atomic.body.images[0]).toMatchObject({
      status: 'active',
      visibility: 'public',
      os_distro: 'fedora-atomic',
    })
    expect(atomic.body.images[0].self).toBe(`/v2/images/${atomic.body.images[0].id}`)
    const versions = await cloud.fetch(`${cloud.origin}/image/versions`)
    expect(versions.status).toBe(200)
    const ubuntu = await call(cloud, token, 'GET', '/image/v2/images?name=ubuntu-mesos')
    expect(ubuntu.body.images[0].os_distro).toBe('ubuntu')
  })

  it('creates, uploads, patches and deletes an image; private images stay private', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const created = await call(cloud, token, 'POST', '/image/v2/images', {
      name: 'my-image',
      disk_format: 'qcow2',
      container_format: 'bare',
      visibility: 'private',
      os_distro: 'fedora-coreos',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'queued', os_distro: 'fedora-coreos' })
    const id = created.body.id
    const upload = await cloud.fetch(`${cloud.origin}/image/v2/images/${id}/file`, {
      method: 'PUT',
      headers: { 'x-auth-token': token, 'content-type': 'application/octet-stream' },
      body: 'disk-bytes',
    })
    expect(upload.status).toBe(204)
    const patched = await call(
      cloud,
      token,
      'PATCH',
      `/image/v2/images/${id}`,
      [
        { op: 'replace', path: '/name', value: 'renamed' },
        { op: 'add', path: '/hw_rng_model', value: 'virtio' },
      ],
      { 'content-type': 'application/openstack-images-v2.1-json-patch' },
    )
    expect(patched.body).toMatchObject({
      name: 'renamed',
      hw_rng_model: 'virtio',
      status: 'active',
      size: 10,
    })
    // Another project's private image is invisible (404), as Glance hides it.
    const admin = await login(cloud, 'admin')
    const hidden = await call(cloud, admin.token, 'POST', '/image/v2/images', {
      name: 'admin-only',
      visibility: 'private',
    })
    expect((await call(cloud, token, 'GET', `/image/v2/images/${hidden.body.id}`)).status).toBe(404)
    expect((await call(cloud, admin.token, 'GET', `/image/v2/images/${id}`)).status).toBe(200)
    expect((await call(cloud, token, 'DELETE', `/image/v2/images/${id}`)).status).toBe(204)
    const gone = await call(cloud, token, 'GET', `/image/v2/images/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toContain(`No image found with ID ${id}`)
  })

  it('pages with limit/marker and a relative next link', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const first = await call(cloud, token, 'GET', '/image/v2/images?limit=1')
    expect(first.body.images).toHaveLength(1)
    expect(first.body.next).toBe(`/v2/images?limit=1&marker=${first.body.images[0].id}`)
    const second = await call(cloud, token, 'GET', `/image${first.body.next}`)
    expect(second.body.images).toHaveLength(1)
    expect(second.body.images[0].id).not.toBe(first.body.images[0].id)
    expect(second.body.next).toBeUndefined()
  })
})
