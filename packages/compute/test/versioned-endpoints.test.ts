import { toArray } from '@magnum-ts/auth'
import { getFlavor, listImages } from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, record, setup } from './helpers.js'

// Clouds register Glance as `…/image/v2` or `…:9292`, and Nova as `…/v2.1` or `…:8774`:
// neither form may produce a doubled (`/v2/v2/…`) or missing version segment.
const env = setup({ services: { compute: 'http://nova-root.test', image: 'http://glance-v.test/image/v2' } })

describe('endpoints with or without the version segment', () => {
  it('adds /v2.1 to an unversioned Nova endpoint', async () => {
    env.use(
      http.get('http://nova-root.test/v2.1/flavors/:id', async ({ request }) => {
        await record(env.seen, request)
        return json({ flavor: { id: '1', name: 'm1' } })
      }),
    )
    expect((await getFlavor(env.session(), '1')).name).toBe('m1')
  })

  it('does not repeat /v2 on a versioned Glance endpoint, also for `next`', async () => {
    env.use(
      http.get('http://glance-v.test/image/v2/images', async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        if (!marker) return json({ images: [{ id: 'a', name: 'a' }], next: '/v2/images?marker=a' })
        if (marker === 'a') return json({ images: [{ id: 'b', name: 'b' }], next: '/v2/images?marker=b' })
        return json({ images: [{ id: 'c', name: 'c' }] })
      }),
    )
    expect((await toArray(listImages(env.session()))).map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(env.seen.map((s) => s.url.pathname)).toEqual([
      '/image/v2/images',
      '/image/v2/images',
      '/image/v2/images',
    ])
  })
})
