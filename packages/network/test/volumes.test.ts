import { BadRequestError, NotFoundError, ResourceNotFoundError, toArray } from '@magnum-ts/auth'
import {
  defaultVolumeType,
  deleteVolume,
  findVolumeType,
  getVolume,
  getVolumeType,
  listVolumes,
  listVolumeTypes,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, record, setup } from './helpers.js'

const env = setup()

const types = [
  { id: 't0', name: '__DEFAULT__', is_public: true },
  { id: 't1', name: 'lvmdriver-1', is_public: true },
  { id: 't2', name: 'ceph-ssd', is_public: true },
]

function serveTypes() {
  env.use(
    http.get(`${env.cinder}/types`, async ({ request }) => {
      const seen = await record(env.seen, request)
      const marker = seen.url.searchParams.get('marker')
      const index = marker ? types.findIndex((t) => t.id === marker) + 1 : 0
      const page = types.slice(index, index + 1)
      const links =
        index + 1 < types.length ? [{ rel: 'next', href: `${env.cinder}/types?marker=${page[0]!.id}` }] : []
      return json({ volume_types: page, volume_types_links: links })
    }),
    http.get(`${env.cinder}/types/:id`, async ({ request, params }) => {
      await record(env.seen, request)
      const found = params.id === 'default' ? types[0] : types.find((t) => t.id === params.id)
      return found
        ? json({ volume_type: found })
        : json(
            { itemNotFound: { code: 404, message: `Volume type ${String(params.id)} could not be found.` } },
            404,
          )
    }),
  )
}

describe('volume types', () => {
  it('lists across three pages (volume_types_links) with token and volume microversion', async () => {
    serveTypes()
    expect((await toArray(listVolumeTypes(env.session()))).map((t) => t.name)).toEqual([
      '__DEFAULT__',
      'lvmdriver-1',
      'ceph-ssd',
    ])
    expect(env.seen).toHaveLength(3)
    const first = env.seen[0]!
    expect(first.method).toBe('GET')
    expect(first.url.pathname).toBe(`/v3/${env.identity.projectId}/types`)
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    expect(first.headers.get('openstack-api-version')).toBe('volume 3.71')
    expect(env.seen.map((s) => s.url.searchParams.get('marker'))).toEqual([null, 't0', 't1'])
  })

  it('gets the default type from /types/default and one type by id', async () => {
    serveTypes()
    expect((await defaultVolumeType(env.session())).name).toBe('__DEFAULT__')
    expect((await getVolumeType(env.session(), 't2')).name).toBe('ceph-ssd')
    expect(env.seen.map((s) => s.url.pathname)).toEqual([
      `/v3/${env.identity.projectId}/types/default`,
      `/v3/${env.identity.projectId}/types/t2`,
    ])
  })

  it('findVolumeType finds by name or id', async () => {
    serveTypes()
    expect((await findVolumeType(env.session(), 'ceph-ssd')).id).toBe('t2')
    expect((await findVolumeType(env.session(), 't1')).name).toBe('lvmdriver-1')
  })

  it('findVolumeType lists the available types and the default when the name is unknown', async () => {
    serveTypes()
    const error = await findVolumeType(env.session(), 'gold').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundError)
    const e = error as ResourceNotFoundError
    expect(e.available).toEqual(['__DEFAULT__', 'lvmdriver-1', 'ceph-ssd'])
    expect(e.message).toContain('No volume type with id or name "gold"')
    expect(e.message).toContain('"lvmdriver-1"')
    expect(e.message).toContain('default ("__DEFAULT__")')
  })

  it('findVolumeType refuses the empty name Heat would fail on ("The VolumeType () could not be found")', async () => {
    serveTypes()
    const error = await findVolumeType(env.session(), '').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundError)
    expect((error as Error).message).toContain('No volume type with id or name ""')
    expect((error as ResourceNotFoundError).available).toHaveLength(3)
  })
})

describe('volumes', () => {
  it('lists details with filters over three pages (volumes_links)', async () => {
    env.use(
      http.get(`${env.cinder}/volumes/detail`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        const next = (m: string) => [
          { rel: 'next', href: `${env.cinder}/volumes/detail?limit=1&marker=${m}` },
        ]
        if (!marker) return json({ volumes: [{ id: 'v1' }], volumes_links: next('v1') })
        if (marker === 'v1') return json({ volumes: [{ id: 'v2' }], volumes_links: next('v2') })
        return json({ volumes: [{ id: 'v3' }] })
      }),
    )
    const volumes = await toArray(
      listVolumes(env.session(), { status: 'available', metadata: { cluster: 'c1' }, limit: 1 }),
    )
    expect(volumes.map((v) => v.id)).toEqual(['v1', 'v2', 'v3'])
    expect(env.seen[0]!.url.pathname).toBe(`/v3/${env.identity.projectId}/volumes/detail`)
    expect(Object.fromEntries(env.seen[0]!.url.searchParams)).toEqual({
      status: 'available',
      metadata: '{"cluster":"c1"}',
      limit: '1',
    })
  })

  it('gets and deletes (cascade) a volume', async () => {
    env.use(
      http.get(`${env.cinder}/volumes/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ volume: { id: params.id, status: 'available', size: 10 } })
      }),
      http.delete(`${env.cinder}/volumes/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 202 })
      }),
    )
    expect((await getVolume(env.session(), 'v1')).size).toBe(10)
    await deleteVolume(env.session(), 'v1', { cascade: true })
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      `GET /v3/${env.identity.projectId}/volumes/v1`,
      `DELETE /v3/${env.identity.projectId}/volumes/v1?cascade=true`,
    ])
  })

  it('turns Cinder\'s {"badRequest"} and {"itemNotFound"} envelopes into typed errors', async () => {
    env.use(
      http.delete(`${env.cinder}/volumes/:id`, () =>
        json(
          {
            badRequest: {
              code: 400,
              message:
                'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.',
            },
          },
          400,
        ),
      ),
      http.get(`${env.cinder}/volumes/:id`, () =>
        json({ itemNotFound: { code: 404, message: 'Volume v9 could not be found.' } }, 404),
      ),
    )
    const bad = await deleteVolume(env.session(), 'v1').catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(BadRequestError)
    expect((bad as Error).message).toContain('Invalid volume: Volume status must be available')
    const missing = await getVolume(env.session(), 'v9').catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect((missing as Error).message).toContain('Volume v9 could not be found.')
  })
})
