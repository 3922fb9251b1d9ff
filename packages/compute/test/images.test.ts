import { AmbiguousResourceError, NotFoundError, ResourceNotFoundError, toArray } from '@magnum-ts/auth'
import { findImage, getImage, listImages } from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, json, record, setup } from './helpers.js'

const env = setup()
const FEDORA = '3f0d5a6e-1b2c-4d3e-8f90-a1b2c3d4e5f6'
const image = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  status: 'active',
  visibility: 'public',
  min_disk: 10,
  protected: false,
  tags: [],
  ...extra,
})

describe('listImages', () => {
  it('sends name/status/visibility/os_distro filters and follows Glance `next` over three pages', async () => {
    env.use(
      http.get(`${GLANCE}/v2/images`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        if (!marker) {
          return json({ images: [image('a', 'one')], next: '/v2/images?os_distro=fedora-coreos&marker=a' })
        }
        if (marker === 'a') {
          return json({ images: [image('b', 'two')], next: '/v2/images?os_distro=fedora-coreos&marker=b' })
        }
        return json({ images: [image('c', 'three', { os_distro: 'fedora-coreos' })], first: '/v2/images' })
      }),
    )
    const images = await toArray(
      listImages(env.session(), {
        name: 'fcos',
        status: 'active',
        visibility: 'public',
        osDistro: 'fedora-coreos',
        // os_distro given twice: the named filter wins, the property map fills in the rest.
        properties: { hw_disk_bus: 'scsi', os_distro: 'ignored' },
        tags: ['k8s', 'magnum'],
        limit: 1,
      }),
    )
    expect(images.map((i) => i.id)).toEqual(['a', 'b', 'c'])
    const first = env.seen[0]!
    expect(first.method).toBe('GET')
    expect(first.url.pathname).toBe('/v2/images')
    expect([...first.url.searchParams]).toEqual([
      ['name', 'fcos'],
      ['status', 'active'],
      ['visibility', 'public'],
      ['os_distro', 'fedora-coreos'],
      ['tag', 'k8s'],
      ['tag', 'magnum'],
      ['limit', '1'],
      ['hw_disk_bus', 'scsi'],
    ])
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    // Glance takes no microversion header.
    expect(first.headers.get('openstack-api-version')).toBeNull()
    expect(env.seen.map((s) => s.url.search)).toEqual([
      first.url.search,
      '?os_distro=fedora-coreos&marker=a',
      '?os_distro=fedora-coreos&marker=b',
    ])
  })
})

describe('getImage', () => {
  it('exposes os_distro as osDistro and the extra properties', async () => {
    env.use(
      http.get(`${GLANCE}/v2/images/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json(image(String(params.id), 'fcos', { os_distro: 'fedora-coreos', hw_rng_model: 'virtio' }))
      }),
    )
    const result = await getImage(env.session(), FEDORA)
    expect(result.osDistro).toBe('fedora-coreos')
    expect(result.properties).toEqual({ os_distro: 'fedora-coreos', hw_rng_model: 'virtio' })
    expect(result.min_disk).toBe(10)
    expect(env.seen[0]!.url.pathname).toBe(`/v2/images/${FEDORA}`)
  })

  it('leaves osDistro undefined when the property is missing or empty', async () => {
    env.use(http.get(`${GLANCE}/v2/images/:id`, () => json(image('x', 'plain', { os_distro: '' }))))
    expect((await getImage(env.session(), 'x')).osDistro).toBeUndefined()
  })

  it("turns Glance's 404 text into NotFoundError", async () => {
    env.use(
      http.get(
        `${GLANCE}/v2/images/:id`,
        () =>
          new Response('<html><body><h1>404 Not Found</h1>No image found with ID x</body></html>', {
            status: 404,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    )
    const error = await getImage(env.session(), 'x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as Error).message).toContain('No image found with ID x')
  })
})

describe('findImage', () => {
  const images = [image(FEDORA, 'fcos-38'), image('b1', 'dup'), image('b2', 'dup')]
  const serve = () =>
    env.use(
      http.get(`${GLANCE}/v2/images`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const name = seen.url.searchParams.get('name')
        return json({ images: images.filter((i) => i.name === name) })
      }),
      http.get(`${GLANCE}/v2/images/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        const found = images.find((i) => i.id === params.id)
        return found ? json(found) : new Response('No image found', { status: 404 })
      }),
    )

  it('gets a UUID directly', async () => {
    serve()
    expect((await findImage(env.session(), FEDORA)).name).toBe('fcos-38')
    expect(env.seen.map((s) => s.url.pathname)).toEqual([`/v2/images/${FEDORA}`])
  })

  it('filters by name server-side over all visibilities', async () => {
    serve()
    expect((await findImage(env.session(), 'fcos-38')).id).toBe(FEDORA)
    expect(env.seen[0]!.url.search).toBe('?name=fcos-38&visibility=all')
  })

  it('reports an ambiguous name with the matching ids', async () => {
    serve()
    const error = await findImage(env.session(), 'dup').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmbiguousResourceError)
    expect((error as AmbiguousResourceError).matches.map((m) => m.id)).toEqual(['b1', 'b2'])
  })

  it('reports a missing name with what was searched', async () => {
    serve()
    const error = await findImage(env.session(), 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundError)
    expect((error as ResourceNotFoundError).searched).toBe('nope')
    expect((error as Error).message).toContain('No image with id or name "nope"')
  })
})
