import { BadRequestError } from '@magnum-ts/auth'
import { getAbsoluteLimits, listAvailabilityZones } from '@magnum-ts/compute'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NOVA, record, setup } from './helpers.js'

const env = setup()

describe('listAvailabilityZones', () => {
  it('GETs /os-availability-zone and reports name and availability', async () => {
    env.use(
      http.get(`${NOVA}/os-availability-zone`, async ({ request }) => {
        await record(env.seen, request)
        return json({
          availabilityZoneInfo: [
            { zoneName: 'nova', zoneState: { available: true }, hosts: null },
            { zoneName: 'az2', zoneState: { available: false }, hosts: null },
          ],
        })
      }),
    )
    expect(await listAvailabilityZones(env.session())).toEqual([
      { name: 'nova', available: true },
      { name: 'az2', available: false },
    ])
    expect(env.seen[0]!.method).toBe('GET')
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/os-availability-zone')
    expect(env.seen[0]!.headers.get('openstack-api-version')).toBe('compute 2.90')
  })
})

describe('getAbsoluteLimits', () => {
  it('GETs /limits (tenant_id for another project) and returns the absolute limits', async () => {
    env.use(
      http.get(`${NOVA}/limits`, async ({ request }) => {
        await record(env.seen, request)
        return json({
          limits: {
            absolute: { maxTotalCores: 20, totalCoresUsed: 4, maxTotalInstances: 10, totalInstancesUsed: 2 },
            rate: [],
          },
        })
      }),
    )
    const limits = await getAbsoluteLimits(env.session(), { projectId: 'p2' })
    expect(limits.maxTotalCores - limits.totalCoresUsed).toBe(16)
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/limits')
    expect(env.seen[0]!.url.searchParams.get('tenant_id')).toBe('p2')
    expect(env.seen[0]!.headers.get('x-auth-token')).toBe(env.identity.token)
  })

  it('turns Nova\'s {"badRequest"} envelope into BadRequestError', async () => {
    env.use(
      http.get(`${NOVA}/limits`, () =>
        json({ badRequest: { code: 400, message: 'Invalid tenant_id.' } }, 400),
      ),
    )
    const error = await getAbsoluteLimits(env.session(), { projectId: '!' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('Invalid tenant_id.')
  })
})
