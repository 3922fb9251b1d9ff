import { MicroversionUnsupportedError, toArray } from '@magnum-ts/auth'
import {
  createServerGroup,
  deleteServerGroup,
  getServerGroup,
  listServerGroups,
  serverGroupPolicy,
} from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NOVA, record, setup } from './helpers.js'

const env = setup()

function serveCreate() {
  env.use(
    http.post(`${NOVA}/os-server-groups`, async ({ request }) => {
      const seen = await record(env.seen, request)
      const group = (seen.body as { server_group: Record<string, unknown> }).server_group
      return json({ server_group: { id: 'g1', members: [], project_id: 'p', user_id: 'u', ...group } })
    }),
  )
}

describe('createServerGroup', () => {
  it('sends `policy` and `rules` at microversion 2.64 and later', async () => {
    serveCreate()
    const group = await createServerGroup(env.session(), {
      name: 'masters',
      policy: 'anti-affinity',
      maxServerPerHost: 1,
    })
    const seen = env.seen[0]!
    expect(seen.method).toBe('POST')
    expect(seen.url.pathname).toBe('/v2.1/os-server-groups')
    expect(seen.headers.get('openstack-api-version')).toBe('compute 2.90')
    expect(seen.body).toEqual({
      server_group: { name: 'masters', policy: 'anti-affinity', rules: { max_server_per_host: 1 } },
    })
    expect(serverGroupPolicy(group)).toBe('anti-affinity')
  })

  it('sends `policies: [policy]` below 2.64 (soft-anti-affinity at 2.60)', async () => {
    serveCreate()
    const session = env.identity.session({ clientMicroversions: { compute: '2.60' } })
    const group = await createServerGroup(session, { name: 'workers', policy: 'soft-anti-affinity' })
    const seen = env.seen[0]!
    expect(seen.headers.get('openstack-api-version')).toBe('compute 2.60')
    expect(seen.body).toEqual({ server_group: { name: 'workers', policies: ['soft-anti-affinity'] } })
    expect(serverGroupPolicy(group)).toBe('soft-anti-affinity')
  })

  it('refuses soft policies below 2.15 and rules below 2.64, before any request', async () => {
    serveCreate()
    const old = env.identity.session({ clientMicroversions: { compute: '2.10' } })
    const soft = await createServerGroup(old, { name: 'w', policy: 'soft-affinity' }).catch((e: unknown) => e)
    expect(soft).toBeInstanceOf(MicroversionUnsupportedError)
    expect((soft as MicroversionUnsupportedError).required).toBe('2.15')
    expect((soft as Error).message).toContain('soft-affinity')
    const mid = env.identity.session({ clientMicroversions: { compute: '2.60' } })
    const rules = await createServerGroup(mid, {
      name: 'w',
      policy: 'anti-affinity',
      maxServerPerHost: 2,
    }).catch((e: unknown) => e)
    expect((rules as MicroversionUnsupportedError).required).toBe('2.64')
    expect(env.seen).toHaveLength(0)
  })
})

describe('getServerGroup / listServerGroups / deleteServerGroup', () => {
  it('GETs and DELETEs /os-server-groups/{id}', async () => {
    env.use(
      http.get(`${NOVA}/os-server-groups/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ server_group: { id: params.id, name: 'g', policies: ['affinity'], members: ['s1'] } })
      }),
      http.delete(`${NOVA}/os-server-groups/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    const group = await getServerGroup(env.session(), 'g1')
    expect(serverGroupPolicy(group)).toBe('affinity')
    await deleteServerGroup(env.session(), 'g1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'GET /v2.1/os-server-groups/g1',
      'DELETE /v2.1/os-server-groups/g1',
    ])
  })

  it('pages by offset until a short page (three pages)', async () => {
    env.use(
      http.get(`${NOVA}/os-server-groups`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const offset = Number(seen.url.searchParams.get('offset'))
        const all = ['a', 'b', 'c', 'd', 'e']
        return json({
          server_groups: all.slice(offset, offset + 2).map((id) => ({ id, name: id, policy: 'affinity' })),
        })
      }),
    )
    const groups = await toArray(listServerGroups(env.session(), { pageSize: 2, allProjects: true }))
    expect(groups.map((g) => g.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(env.seen.map((s) => s.url.search)).toEqual([
      '?all_projects=True&limit=2&offset=0',
      '?all_projects=True&limit=2&offset=2',
      '?all_projects=True&limit=2&offset=4',
    ])
  })
})
