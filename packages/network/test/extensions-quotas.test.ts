import {
  getNetworkQuota,
  getNetworkQuotaDetails,
  hasNetworkExtension,
  listNetworkExtensions,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NEUTRON, record, setup } from './helpers.js'

const env = setup()

describe('extensions', () => {
  it('GETs /v2.0/extensions and answers by alias', async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/extensions`, async ({ request }) => {
        await record(env.seen, request)
        return json({
          extensions: [
            { alias: 'router', name: 'Neutron L3 Router', description: 'Router abstraction' },
            { alias: 'external-net', name: 'Neutron external network', description: 'external' },
          ],
        })
      }),
    )
    expect((await listNetworkExtensions(env.session())).map((e) => e.alias)).toEqual([
      'router',
      'external-net',
    ])
    expect(await hasNetworkExtension(env.session(), 'external-net')).toBe(true)
    expect(await hasNetworkExtension(env.session(), 'dns-integration')).toBe(false)
    expect(env.seen[0]!.method).toBe('GET')
    expect(env.seen[0]!.url.pathname).toBe('/v2.0/extensions')
    expect(env.seen[0]!.headers.get('x-auth-token')).toBe(env.identity.token)
  })
})

describe('quotas', () => {
  it("GETs the session project's quota by default, another project's when asked", async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/quotas/:project`, async ({ request }) => {
        await record(env.seen, request)
        return json({ quota: { network: 100, floatingip: 50, router: 10 } })
      }),
    )
    expect((await getNetworkQuota(env.session())).floatingip).toBe(50)
    await getNetworkQuota(env.session(), { projectId: 'other' })
    expect(env.seen.map((s) => s.url.pathname)).toEqual([
      `/v2.0/quotas/${env.identity.projectId}`,
      '/v2.0/quotas/other',
    ])
  })

  it('GETs /quotas/{project}/details for limit, used and reserved', async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/quotas/:project/details`, async ({ request }) => {
        await record(env.seen, request)
        return json({ quota: { floatingip: { limit: 50, used: 49, reserved: 0 } } })
      }),
    )
    const details = await getNetworkQuotaDetails(env.session())
    expect(details.floatingip!.limit - details.floatingip!.used).toBe(1)
    expect(env.seen[0]!.url.pathname).toBe(`/v2.0/quotas/${env.identity.projectId}/details`)
  })
})
