import { NotFoundError, toArray } from '@magnum-ts/auth'
import { deleteServer, getServer, listServers } from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NOVA, record, setup } from './helpers.js'

const env = setup()
const server = (id: string) => ({ id, name: `node-${id}`, status: 'ACTIVE', addresses: {}, metadata: {} })

describe('listServers', () => {
  it('sends the filters and follows servers_links over three pages', async () => {
    env.use(
      http.get(`${NOVA}/servers/detail`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        const link = (m: string) => [{ rel: 'next', href: `${NOVA}/servers/detail?name=node&marker=${m}` }]
        if (!marker) return json({ servers: [server('1'), server('2')], servers_links: link('2') })
        if (marker === '2') return json({ servers: [server('3')], servers_links: link('3') })
        return json({ servers: [server('4')] })
      }),
    )
    const servers = await toArray(
      listServers(env.session(), {
        name: 'node',
        status: 'ACTIVE',
        tags: ['magnum', 'k8s'],
        tagsAny: ['a', 'b'],
        allTenants: true,
        changesSince: '2026-01-01T00:00:00Z',
        limit: 2,
      }),
    )
    expect(servers.map((s) => s.id)).toEqual(['1', '2', '3', '4'])
    const first = env.seen[0]!
    expect(first.url.pathname).toBe('/v2.1/servers/detail')
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      name: 'node',
      status: 'ACTIVE',
      tags: 'magnum,k8s',
      'tags-any': 'a,b',
      all_tenants: 'True',
      'changes-since': '2026-01-01T00:00:00Z',
      limit: '2',
    })
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    expect(first.headers.get('openstack-api-version')).toBe('compute 2.90')
    expect(env.seen.map((s) => s.url.searchParams.get('marker'))).toEqual([null, '2', '3'])
  })

  it('stops when a page hands back a link it already followed', async () => {
    env.use(
      http.get(`${NOVA}/servers/detail`, async ({ request }) => {
        await record(env.seen, request)
        return json({
          servers: [server('1')],
          servers_links: [{ rel: 'next', href: `${NOVA}/servers/detail?marker=1` }],
        })
      }),
    )
    expect(await toArray(listServers(env.session()))).toHaveLength(2)
    expect(env.seen).toHaveLength(2)
  })
})

describe('getServer / deleteServer', () => {
  it('GETs /servers/{id}', async () => {
    env.use(
      http.get(`${NOVA}/servers/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ server: server(String(params.id)) })
      }),
    )
    expect((await getServer(env.session(), 's1')).name).toBe('node-s1')
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/servers/s1')
  })

  it('DELETEs /servers/{id} and surfaces a 404 as NotFoundError', async () => {
    env.use(
      http.delete(`${NOVA}/servers/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        if (params.id === 'gone') {
          return json({ itemNotFound: { code: 404, message: 'Instance gone could not be found.' } }, 404)
        }
        return new Response(null, { status: 204 })
      }),
    )
    await deleteServer(env.session(), 's1')
    expect(env.seen[0]!.method).toBe('DELETE')
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/servers/s1')
    expect(env.seen[0]!.headers.get('x-openstack-nova-api-version')).toBe('2.90')
    const error = await deleteServer(env.session(), 'gone').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as Error).message).toContain('Instance gone could not be found.')
  })
})
