import { AmbiguousResourceError, NotFoundError, ResourceNotFoundError, toArray } from '@magnum-ts/auth'
import { findFlavor, getFlavor, listFlavors } from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NOVA, record, setup } from './helpers.js'

const env = setup()

const flavor = (id: string, name: string) => ({
  id,
  name,
  vcpus: 2,
  ram: 4096,
  disk: 20,
  swap: 0,
  'OS-FLV-EXT-DATA:ephemeral': 0,
  'OS-FLV-DISABLED:disabled': false,
  'os-flavor-access:is_public': true,
  rxtx_factor: 1,
  links: [],
})

describe('listFlavors', () => {
  it('GETs /flavors/detail with filters, token and microversion, and follows flavors_links over three pages', async () => {
    env.use(
      http.get(`${NOVA}/flavors/detail`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        if (!marker) {
          return json({
            flavors: [flavor('1', 'm1.tiny')],
            flavors_links: [{ rel: 'next', href: `${NOVA}/flavors/detail?minRam=2048&limit=1&marker=1` }],
          })
        }
        if (marker === '1') {
          return json({
            flavors: [flavor('2', 'm1.small')],
            flavors_links: [{ rel: 'next', href: `${NOVA}/flavors/detail?minRam=2048&limit=1&marker=2` }],
          })
        }
        return json({ flavors: [flavor('3', 'm1.medium')] })
      }),
    )
    const flavors = await toArray(listFlavors(env.session(), { minRam: 2048, limit: 1, isPublic: 'all' }))
    expect(flavors.map((f) => f.name)).toEqual(['m1.tiny', 'm1.small', 'm1.medium'])
    expect(env.seen).toHaveLength(3)
    const first = env.seen[0]!
    expect(first.method).toBe('GET')
    expect(first.url.pathname).toBe('/v2.1/flavors/detail')
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      minRam: '2048',
      limit: '1',
      is_public: 'None',
    })
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    expect(first.headers.get('openstack-api-version')).toBe('compute 2.90')
    // Later pages use the link as is: the filters are not sent twice.
    expect(env.seen[2]!.url.search).toBe('?minRam=2048&limit=1&marker=2')
  })
})

describe('getFlavor', () => {
  it('GETs /flavors/{id} and unwraps the flavor', async () => {
    env.use(
      http.get(`${NOVA}/flavors/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ flavor: flavor(String(params.id), 'm1.small') })
      }),
    )
    const result = await getFlavor(env.session(), 'abc')
    expect(result).toMatchObject({ id: 'abc', name: 'm1.small', vcpus: 2 })
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/flavors/abc')
    expect(env.seen[0]!.headers.get('x-openstack-nova-api-version')).toBe('2.90')
  })

  it('turns Nova\'s {"itemNotFound"} envelope into NotFoundError with Nova\'s message', async () => {
    env.use(
      http.get(`${NOVA}/flavors/:id`, () =>
        json({ itemNotFound: { code: 404, message: 'Flavor nope could not be found.' } }, 404),
      ),
    )
    const error = await getFlavor(env.session(), 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).message).toContain('Flavor nope could not be found.')
    expect((error as NotFoundError).status).toBe(404)
  })
})

describe('findFlavor', () => {
  const catalog = [flavor('1', 'm1.small'), flavor('2', 'dup'), flavor('3', 'dup'), flavor('4', 'm1.large')]
  const serve = () =>
    env.use(
      http.get(`${NOVA}/flavors/detail`, async ({ request }) => {
        await record(env.seen, request)
        return json({ flavors: catalog })
      }),
      http.get(`${NOVA}/flavors/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        const found = catalog.find((f) => f.id === params.id)
        return found
          ? json({ flavor: found })
          : json(
              { itemNotFound: { code: 404, message: `Flavor ${String(params.id)} could not be found.` } },
              404,
            )
      }),
    )

  it('returns the flavor with that id (the id lookup and the list go out together)', async () => {
    serve()
    expect((await findFlavor(env.session(), '4')).name).toBe('m1.large')
    expect(env.seen.map((s) => s.url.pathname).sort()).toEqual(['/v2.1/flavors/4', '/v2.1/flavors/detail'])
  })

  it('finds an exact name in the list fetched alongside the id lookup: one round trip', async () => {
    serve()
    expect((await findFlavor(env.session(), 'm1.small')).id).toBe('1')
    expect(env.seen.map((s) => s.url.pathname).sort()).toEqual([
      '/v2.1/flavors/detail',
      '/v2.1/flavors/m1.small',
    ])
  })

  it('throws AmbiguousResourceError listing every flavor with that name', async () => {
    serve()
    const error = await findFlavor(env.session(), 'dup').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmbiguousResourceError)
    expect((error as AmbiguousResourceError).code).toBe('RESOURCE_AMBIGUOUS')
    expect((error as AmbiguousResourceError).matches).toEqual([
      { id: '2', name: 'dup' },
      { id: '3', name: 'dup' },
    ])
    expect((error as Error).message).toContain('2, 3')
  })

  it('throws ResourceNotFoundError naming what was searched and what exists', async () => {
    serve()
    const error = await findFlavor(env.session(), 'm1.huge').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundError)
    const notFound = error as ResourceNotFoundError
    expect(notFound.code).toBe('RESOURCE_NOT_FOUND')
    expect(notFound.searched).toBe('m1.huge')
    expect(notFound.available).toEqual(['m1.small', 'dup', 'm1.large'])
    expect(notFound.message).toContain('No flavor with id or name "m1.huge"')
  })
})
