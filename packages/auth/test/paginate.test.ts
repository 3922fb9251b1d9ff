import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSession, paginate, resolveRelativeLink } from '../src/index.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

// Three pages in each of the link styles OpenStack services use.
const styles: Record<string, (page: number, base: string) => Record<string, unknown>> = {
  'nova <items>_links': (p, base) => ({
    items: [`a${p}`, `b${p}`],
    ...(p < 3 ? { items_links: [{ rel: 'next', href: `${base}?marker=b${p}` }] } : {}),
  }),
  'heat links[]': (p, base) => ({
    items: [`a${p}`, `b${p}`],
    links:
      p < 3
        ? [
            { rel: 'self', href: 'x' },
            { rel: 'next', href: `${base}?marker=b${p}` },
          ]
        : [],
  }),
  'keystone links{}': (p, base) => ({
    items: [`a${p}`, `b${p}`],
    links: { self: 'x', next: p < 3 ? `${base}?marker=b${p}` : null },
  }),
  'glance next (relative)': (p) => ({
    items: [`a${p}`, `b${p}`],
    ...(p < 3 ? { next: `/v2.1/list?marker=b${p}` } : {}),
  }),
}

describe('paginate', () => {
  it.each(Object.keys(styles))('follows %s across three pages', async (style) => {
    const base = 'http://nova.test/v2.1/list'
    const queries: string[] = []
    server.use(
      fakeKeystone().handler,
      http.get(base, ({ request }) => {
        const url = new URL(request.url)
        queries.push(url.search)
        const marker = url.searchParams.get('marker')
        const page = marker ? Number(marker.slice(1)) + 1 : 1
        return HttpResponse.json(styles[style]!(page, base))
      }),
    )
    const session = createSession(demoConfig)
    const items: string[] = []
    for await (const item of paginate<string>(session, 'compute', '/list', {
      itemsKey: 'items',
      query: { limit: 2 },
      microversion: false,
    })) {
      items.push(item)
    }
    expect(items).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3'])
    expect(queries).toEqual(['?limit=2', '?marker=b1', '?marker=b2'])
  })

  it('stops when a service hands back the same next link (no infinite loop)', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/loop', () =>
        HttpResponse.json({
          items: [1],
          items_links: [{ rel: 'next', href: 'http://nova.test/v2.1/loop?marker=1' }],
        }),
      ),
    )
    const items: number[] = []
    for await (const i of paginate<number>(createSession(demoConfig), 'compute', '/loop', {
      itemsKey: 'items',
      microversion: false,
    }))
      items.push(i)
    expect(items).toEqual([1, 1])
  })
})

describe('resolveRelativeLink', () => {
  it.each([
    ['http://glance:9292', '/v2/images?marker=a', 'http://glance:9292/v2/images?marker=a'],
    ['http://glance:9292/v2', '/v2/images?marker=a', 'http://glance:9292/v2/images?marker=a'],
    ['http://cloud/image', '/v2/images?marker=a', 'http://cloud/image/v2/images?marker=a'],
    ['http://cloud/image/v2/', '/v2/images', 'http://cloud/image/v2/images'],
    [
      'https://barbican:9311',
      '/v1/secrets?offset=10&limit=10',
      'https://barbican:9311/v1/secrets?offset=10&limit=10',
    ],
  ])('%s + %s', (endpoint, link, expected) => {
    expect(resolveRelativeLink(endpoint, link)).toBe(expected)
  })
})
