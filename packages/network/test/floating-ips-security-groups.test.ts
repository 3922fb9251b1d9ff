import { BadRequestError, toArray } from '@magnum-ts/auth'
import {
  associateFloatingIp,
  createFloatingIp,
  createSecurityGroup,
  createSecurityGroupRule,
  deleteFloatingIp,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
  disassociateFloatingIp,
  getFloatingIp,
  getSecurityGroup,
  listFloatingIps,
  listSecurityGroupRules,
  listSecurityGroups,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NEUTRON, record, setup } from './helpers.js'

const env = setup()

const fip = { id: 'f1', floating_ip_address: '172.24.4.10', floating_network_id: 'ext', port_id: null }

describe('floating IPs', () => {
  it('creates, associates, disassociates and deletes', async () => {
    env.use(
      http.post(`${NEUTRON}/v2.0/floatingips`, async ({ request }) => {
        await record(env.seen, request)
        return json({ floatingip: fip }, 201)
      }),
      http.put(`${NEUTRON}/v2.0/floatingips/:id`, async ({ request }) => {
        const seen = await record(env.seen, request)
        return json({ floatingip: { ...fip, ...(seen.body as { floatingip: object }).floatingip } })
      }),
      http.delete(`${NEUTRON}/v2.0/floatingips/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    const created = await createFloatingIp(env.session(), { floatingNetworkId: 'ext', description: 'api' })
    expect(created.floating_ip_address).toBe('172.24.4.10')
    const associated = await associateFloatingIp(env.session(), 'f1', {
      portId: 'p1',
      fixedIpAddress: '10.0.0.5',
    })
    expect(associated.port_id).toBe('p1')
    const released = await disassociateFloatingIp(env.session(), 'f1')
    expect(released.port_id).toBeNull()
    await deleteFloatingIp(env.session(), 'f1')
    expect(env.seen.map((s) => [s.method, s.url.pathname, s.body])).toEqual([
      ['POST', '/v2.0/floatingips', { floatingip: { floating_network_id: 'ext', description: 'api' } }],
      ['PUT', '/v2.0/floatingips/f1', { floatingip: { port_id: 'p1', fixed_ip_address: '10.0.0.5' } }],
      ['PUT', '/v2.0/floatingips/f1', { floatingip: { port_id: null } }],
      ['DELETE', '/v2.0/floatingips/f1', undefined],
    ])
    expect(env.seen.every((s) => s.headers.get('x-auth-token') === env.identity.token)).toBe(true)
  })

  it('lists across three pages and gets one', async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/floatingips`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        const next = (m: string) => [
          { rel: 'next', href: `${NEUTRON}/v2.0/floatingips?port_id=p1&marker=${m}` },
        ]
        if (!marker) return json({ floatingips: [{ ...fip, id: 'a' }], floatingips_links: next('a') })
        if (marker === 'a') return json({ floatingips: [{ ...fip, id: 'b' }], floatingips_links: next('b') })
        return json({ floatingips: [{ ...fip, id: 'c' }] })
      }),
      http.get(`${NEUTRON}/v2.0/floatingips/:id`, async ({ request }) => {
        await record(env.seen, request)
        return json({ floatingip: fip })
      }),
    )
    const all = await toArray(listFloatingIps(env.session(), { portId: 'p1' }))
    expect(all.map((f) => f.id)).toEqual(['a', 'b', 'c'])
    expect(env.seen[0]!.url.search).toBe('?port_id=p1')
    expect((await getFloatingIp(env.session(), 'f1')).id).toBe('f1')
  })

  it('turns a NeutronError 400 into BadRequestError', async () => {
    env.use(
      http.post(`${NEUTRON}/v2.0/floatingips`, () =>
        json(
          {
            NeutronError: {
              type: 'ExternalGatewayForFloatingIPNotFound',
              message: 'External network ext is not reachable from subnet s1.',
              detail: '',
            },
          },
          400,
        ),
      ),
    )
    const error = await createFloatingIp(env.session(), { floatingNetworkId: 'ext', portId: 'p1' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('External network ext is not reachable from subnet s1.')
  })
})

describe('security groups and rules', () => {
  it('creates a group and an ingress rule, lists, gets and deletes', async () => {
    env.use(
      http.post(`${NEUTRON}/v2.0/security-groups`, async ({ request }) => {
        await record(env.seen, request)
        return json({ security_group: { id: 'sg1', name: 'k8s', security_group_rules: [] } }, 201)
      }),
      http.post(`${NEUTRON}/v2.0/security-group-rules`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const rule = (seen.body as { security_group_rule: object }).security_group_rule
        return json({ security_group_rule: { id: 'r1', ...rule } }, 201)
      }),
      http.get(`${NEUTRON}/v2.0/security-groups`, async ({ request }) => {
        await record(env.seen, request)
        return json({ security_groups: [{ id: 'sg1', name: 'k8s' }] })
      }),
      http.get(`${NEUTRON}/v2.0/security-groups/:id`, async ({ request }) => {
        await record(env.seen, request)
        return json({ security_group: { id: 'sg1', name: 'k8s' } })
      }),
      http.get(`${NEUTRON}/v2.0/security-group-rules`, async ({ request }) => {
        await record(env.seen, request)
        return json({ security_group_rules: [{ id: 'r1', security_group_id: 'sg1' }] })
      }),
      http.delete(`${NEUTRON}/v2.0/:collection/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    const group = await createSecurityGroup(env.session(), { name: 'k8s', description: 'cluster' })
    const rule = await createSecurityGroupRule(env.session(), {
      securityGroupId: group.id,
      direction: 'ingress',
      protocol: 'tcp',
      portRangeMin: 6443,
      portRangeMax: 6443,
      remoteIpPrefix: '0.0.0.0/0',
    })
    expect(rule.id).toBe('r1')
    expect((await toArray(listSecurityGroups(env.session(), { name: 'k8s' }))).map((g) => g.id)).toEqual([
      'sg1',
    ])
    expect((await getSecurityGroup(env.session(), 'sg1')).name).toBe('k8s')
    expect(await toArray(listSecurityGroupRules(env.session(), { securityGroupId: 'sg1' }))).toHaveLength(1)
    await deleteSecurityGroupRule(env.session(), 'r1')
    await deleteSecurityGroup(env.session(), 'sg1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /v2.0/security-groups',
      'POST /v2.0/security-group-rules',
      'GET /v2.0/security-groups?name=k8s',
      'GET /v2.0/security-groups/sg1',
      'GET /v2.0/security-group-rules?security_group_id=sg1',
      'DELETE /v2.0/security-group-rules/r1',
      'DELETE /v2.0/security-groups/sg1',
    ])
    expect(env.seen[0]!.body).toEqual({ security_group: { name: 'k8s', description: 'cluster' } })
    expect(env.seen[1]!.body).toEqual({
      security_group_rule: {
        security_group_id: 'sg1',
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: 'tcp',
        port_range_min: 6443,
        port_range_max: 6443,
        remote_ip_prefix: '0.0.0.0/0',
      },
    })
  })
})
