import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, login } from './helpers.js'

describe('fake Barbican', () => {
  it('stores a secret, serves its metadata and payload, and deletes it', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const created = await call(cloud, token, 'POST', '/key-manager/v1/secrets', {
      name: 'ca-key',
      payload: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
      payload_content_type: 'text/plain',
      secret_type: 'private',
    })
    expect(created.status).toBe(201)
    const ref = created.body.secret_ref as string
    expect(ref).toMatch(/^http:\/\/openstack\.test\/key-manager\/v1\/secrets\/[0-9a-f-]{36}$/)
    const meta = await call(cloud, token, 'GET', ref)
    expect(meta.body).toMatchObject({
      name: 'ca-key',
      secret_type: 'private',
      status: 'ACTIVE',
      content_types: { default: 'text/plain' },
    })
    const payload = await cloud.fetch(`${ref}/payload`, {
      headers: { 'x-auth-token': token, accept: 'text/plain' },
    })
    expect(await payload.text()).toContain('BEGIN PRIVATE KEY')
    expect((await call(cloud, token, 'DELETE', ref)).status).toBe(204)
    const gone = await call(cloud, token, 'GET', ref)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual({
      code: 404,
      title: 'Not Found',
      description: 'Not Found. Sorry but your secret is in another castle.',
    })
  })

  it('rejects a payload without a content type', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const res = await call(cloud, token, 'POST', '/key-manager/v1/secrets', { name: 'x', payload: 'abc' })
    expect(res.status).toBe(400)
    expect(res.body.description).toContain('payload_content_type')
  })

  it('keeps certificate containers of existing secrets and pages with offset/limit', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const refs: string[] = []
    for (const name of ['certificate', 'private_key', 'intermediates']) {
      const res = await call(cloud, token, 'POST', '/key-manager/v1/secrets', {
        name,
        payload: name,
        payload_content_type: 'text/plain',
      })
      refs.push(res.body.secret_ref)
    }
    const container = await call(cloud, token, 'POST', '/key-manager/v1/containers', {
      name: 'cluster-ca',
      type: 'certificate',
      secret_refs: [
        { name: 'certificate', secret_ref: refs[0] },
        { name: 'private_key', secret_ref: refs[1] },
      ],
    })
    expect(container.status).toBe(201)
    const shown = await call(cloud, token, 'GET', container.body.container_ref)
    expect(shown.body.secret_refs).toEqual([
      { name: 'certificate', secret_ref: refs[0] },
      { name: 'private_key', secret_ref: refs[1] },
    ])
    const page = await call(cloud, token, 'GET', '/key-manager/v1/secrets?limit=2')
    expect(page.body.total).toBe(3)
    expect(page.body.secrets).toHaveLength(2)
    const next = await call(cloud, token, 'GET', page.body.next)
    expect(next.body.secrets).toHaveLength(1)
    const bad = await call(cloud, token, 'POST', '/key-manager/v1/containers', {
      type: 'generic',
      secret_refs: [{ name: 'x', secret_ref: 'http://openstack.test/key-manager/v1/secrets/missing' }],
    })
    expect(bad.status).toBe(404)
  })
})
