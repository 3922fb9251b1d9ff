import fc from 'fast-check'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readVersionRange } from '../src/discovery/version-document.js'
import {
  compareMicroversions,
  createSession,
  microversionHeaders,
  negotiateMicroversion,
} from '../src/index.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('microversion negotiation', () => {
  it('a pin wins; otherwise min(client max, server max); nothing when out of range or unknown', () => {
    expect(negotiateMicroversion({ pinned: '2.1', clientMax: '2.90', serverMax: '2.95' })).toBe('2.1')
    expect(negotiateMicroversion({ clientMax: '2.90', serverMin: '2.1', serverMax: '2.95' })).toBe('2.90')
    expect(negotiateMicroversion({ clientMax: '2.90', serverMin: '2.1', serverMax: '2.60' })).toBe('2.60')
    expect(negotiateMicroversion({ clientMax: '1.5', serverMin: '2.1', serverMax: '2.60' })).toBeUndefined()
    expect(negotiateMicroversion({ clientMax: '2.90' })).toBeUndefined()
  })

  it('compares numerically, not lexically (2.10 > 2.9)', () => {
    expect(compareMicroversions('2.10', '2.9')).toBeGreaterThan(0)
    fc.assert(
      fc.property(fc.nat(20), fc.nat(120), fc.nat(20), fc.nat(120), (a, b, c, d) => {
        const x = `${a}.${b}`
        const y = `${c}.${d}`
        expect(Math.sign(compareMicroversions(x, y)) + Math.sign(compareMicroversions(y, x))).toBe(0)
        const chosen = negotiateMicroversion({ clientMax: x, serverMax: y })
        expect(chosen).toBe(compareMicroversions(x, y) <= 0 ? x : y)
      }),
    )
  })

  it('sends the right header per service', () => {
    expect(microversionHeaders('compute', '2.60')).toEqual({
      'OpenStack-API-Version': 'compute 2.60',
      'X-OpenStack-Nova-API-Version': '2.60',
    })
    expect(microversionHeaders('container-infra', '1.14')).toEqual({
      'OpenStack-API-Version': 'container-infra 1.14',
    })
    expect(microversionHeaders('volumev3', '3.50')).toEqual({
      'OpenStack-API-Version': 'volume 3.50',
      'X-OpenStack-Volume-API-Version': '3.50',
    })
    expect(microversionHeaders('load-balancer', '2.1')).toEqual({})
    expect(microversionHeaders('orchestration', '1.0')).toEqual({})
  })

  it('reads the three version-document shapes', () => {
    expect(
      readVersionRange({ version: { id: 'v2.1', status: 'CURRENT', min_version: '2.1', version: '2.95' } }),
    ).toMatchObject({ minVersion: '2.1', maxVersion: '2.95' })
    expect(
      readVersionRange(
        {
          versions: [
            { id: 'v1', status: 'CURRENT', min_version: '1.1', max_version: '1.11' },
            { id: 'v2', status: 'EXPERIMENTAL', max_version: '2.0' },
          ],
        },
        'v1',
      ),
    ).toMatchObject({ minVersion: '1.1', maxVersion: '1.11' })
    expect(readVersionRange({ versions: { values: [{ id: 'v3.14', status: 'stable' }] } })).toMatchObject({
      id: 'v3.14',
      maxVersion: undefined,
    })
  })
})

describe('session: version discovery', () => {
  it('discovers Nova once, negotiates, and sends both compute headers', async () => {
    const keystone = fakeKeystone()
    let discoveries = 0
    const seen: (string | null)[] = []
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1', () => {
        discoveries++
        return HttpResponse.json({
          version: { id: 'v2.1', status: 'CURRENT', min_version: '2.1', version: '2.79' },
        })
      }),
      http.get('http://nova.test/v2.1/servers', ({ request }) => {
        seen.push(
          `${request.headers.get('openstack-api-version')}|${request.headers.get('x-openstack-nova-api-version')}`,
        )
        return HttpResponse.json({ servers: [] })
      }),
    )
    const session = createSession(demoConfig)
    await Promise.all([
      session.request('compute', 'GET', '/servers'),
      session.request('compute', 'GET', '/servers'),
    ])
    expect(seen).toEqual(['compute 2.79|2.79', 'compute 2.79|2.79'])
    expect(discoveries).toBe(1)
    expect(await session.microversion('nova')).toBe('2.79')
  })

  it('falls back to the unversioned root for services like Magnum', async () => {
    const keystone = fakeKeystone({
      catalog: [{ type: 'container-infra', url: 'http://magnum.test:9511/v1' }],
    })
    server.use(
      keystone.handler,
      http.get('http://magnum.test:9511/v1', () => HttpResponse.json({ id: 'v1', links: [] })),
      http.get('http://magnum.test:9511/', () =>
        HttpResponse.json({
          versions: [{ id: 'v1', status: 'CURRENT', min_version: '1.1', max_version: '1.11' }],
        }),
      ),
    )
    const session = createSession(demoConfig)
    expect(await session.microversion('container-infra')).toBe('1.11')
  })

  it('a user pin (<service>_api_version) wins without any discovery request', async () => {
    const keystone = fakeKeystone()
    let header: string | null = null
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/servers', ({ request }) => {
        header = request.headers.get('openstack-api-version')
        return HttpResponse.json({ servers: [] })
      }),
    )
    const session = createSession({ ...demoConfig, apiVersions: { compute: '2.53' } })
    await session.request('compute', 'GET', '/servers')
    expect(header).toBe('compute 2.53')
  })

  it('a `latest` pin asks for the server maximum, even above our client maximum', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1', () =>
        HttpResponse.json({
          version: { id: 'v2.1', status: 'CURRENT', min_version: '2.1', version: '2.99' },
        }),
      ),
    )
    const session = createSession(
      { ...demoConfig, apiVersions: { compute: 'latest' } },
      { clientMicroversions: { compute: '2.50' } },
    )
    expect(await session.microversion('compute')).toBe('2.99')
  })

  it('when discovery fails, sends no microversion header (as openstacksdk)', async () => {
    const keystone = fakeKeystone()
    let header: string | null = 'unset'
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1', () => new HttpResponse(null, { status: 404 })),
      http.get('http://nova.test/', () => new HttpResponse(null, { status: 404 })),
      http.get('http://nova.test/v2.1/servers', ({ request }) => {
        header = request.headers.get('openstack-api-version')
        return HttpResponse.json({ servers: [] })
      }),
    )
    await createSession(demoConfig).request('compute', 'GET', '/servers')
    expect(header).toBeNull()
  })
})
