import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createApplicationCredential,
  createSession,
  createTrust,
  createUser,
  deleteApplicationCredential,
  deleteTrust,
  deleteUser,
  findDomain,
  getProject,
  getTrust,
  listRoles,
  listUserProjectRoles,
  NotFoundError,
} from '../src/index.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const K = 'http://keystone.test:5000/v3'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function record() {
  const calls: { method: string; url: string; token: string | null; body: unknown }[] = []
  const handler =
    (status: number, reply: unknown) =>
    async ({ request }: { request: Request }) => {
      const text = await request.text()
      calls.push({
        method: request.method,
        url: request.url,
        token: request.headers.get('x-auth-token'),
        body: text ? JSON.parse(text) : undefined,
      })
      return status === 204
        ? new HttpResponse(null, { status })
        : HttpResponse.json(reply as object, { status })
    }
  return { calls, handler }
}

const session = () => createSession(demoConfig)

describe('identity calls', () => {
  it('users: create in a domain, get, delete', async () => {
    const r = record()
    server.use(
      fakeKeystone({ catalog: [{ type: 'identity', url: K }] }).handler,
      http.post(
        `${K}/users`,
        r.handler(201, { user: { id: 'u1', name: 'c1_p1', domain_id: 'd1', enabled: true } }),
      ),
      http.delete(`${K}/users/u1`, r.handler(204, null)),
    )
    const s = session()
    const user = await createUser(s, {
      name: 'c1_p1',
      password: 'trustee-pw',
      domainId: 'd1',
      description: 'trustee',
    })
    expect(user).toEqual({ id: 'u1', name: 'c1_p1', domainId: 'd1', enabled: true, description: undefined })
    await deleteUser(s, 'u1')
    expect(r.calls).toEqual([
      {
        method: 'POST',
        url: `${K}/users`,
        token: 'tok-1',
        body: {
          user: {
            name: 'c1_p1',
            domain_id: 'd1',
            enabled: true,
            password: 'trustee-pw',
            description: 'trustee',
          },
        },
      },
      { method: 'DELETE', url: `${K}/users/u1`, token: 'tok-1', body: undefined },
    ])
  })

  it('trusts: impersonation, roles by name, delegation depth 0 by default; get; delete', async () => {
    const r = record()
    const raw = {
      id: 't1',
      trustor_user_id: 'u-demo',
      trustee_user_id: 'u-trustee',
      project_id: 'p-demo',
      impersonation: true,
      roles: [{ id: 'r1', name: 'member' }],
      redelegation_count: 0,
      expires_at: null,
    }
    server.use(
      fakeKeystone({ catalog: [{ type: 'identity', url: K }] }).handler,
      http.post(`${K}/OS-TRUST/trusts`, r.handler(201, { trust: raw })),
      http.get(`${K}/OS-TRUST/trusts/t1`, r.handler(200, { trust: raw })),
      http.delete(`${K}/OS-TRUST/trusts/t1`, r.handler(204, null)),
    )
    const s = session()
    const trust = await createTrust(s, {
      trustorUserId: 'u-demo',
      trusteeUserId: 'u-trustee',
      projectId: 'p-demo',
      roles: ['member'],
      impersonation: true,
    })
    expect(trust).toMatchObject({ id: 't1', impersonation: true, roles: ['member'], redelegationCount: 0 })
    expect((await getTrust(s, 't1')).trusteeUserId).toBe('u-trustee')
    await deleteTrust(s, 't1')
    expect(r.calls[0]!.body).toEqual({
      trust: {
        trustor_user_id: 'u-demo',
        trustee_user_id: 'u-trustee',
        project_id: 'p-demo',
        impersonation: true,
        roles: [{ name: 'member' }],
      },
    })
    expect(r.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'DELETE'])
  })

  it('trusts: a positive delegation depth allows redelegation', async () => {
    const r = record()
    server.use(
      fakeKeystone({ catalog: [{ type: 'identity', url: K }] }).handler,
      http.post(
        `${K}/OS-TRUST/trusts`,
        r.handler(201, {
          trust: { id: 't', trustor_user_id: 'a', trustee_user_id: 'b', impersonation: false },
        }),
      ),
    )
    await createTrust(session(), {
      trustorUserId: 'a',
      trusteeUserId: 'b',
      projectId: 'p',
      roles: [],
      impersonation: false,
      redelegationCount: 2,
    })
    expect(r.calls[0]!.body).toMatchObject({ trust: { allow_redelegation: true, redelegation_count: 2 } })
  })

  it('application credentials: create (secret kept out of errors afterwards) and delete', async () => {
    const r = record()
    server.use(
      fakeKeystone({ catalog: [{ type: 'identity', url: K }] }).handler,
      http.post(
        `${K}/users/u-demo/application_credentials`,
        r.handler(201, {
          application_credential: {
            id: 'ac1',
            name: 'ci',
            project_id: 'p-demo',
            secret: 'generated-secret-xyz',
            unrestricted: false,
            roles: [{ name: 'member' }],
          },
        }),
      ),
      http.delete(`${K}/users/u-demo/application_credentials/ac1`, r.handler(204, null)),
    )
    const s = session()
    const cred = await createApplicationCredential(s, 'u-demo', {
      name: 'ci',
      roles: ['member'],
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    })
    expect(cred).toMatchObject({
      id: 'ac1',
      secret: 'generated-secret-xyz',
      roles: ['member'],
      unrestricted: false,
    })
    expect(r.calls[0]!.body).toEqual({
      application_credential: {
        name: 'ci',
        roles: [{ name: 'member' }],
        expires_at: '2030-01-01T00:00:00.000Z',
      },
    })
    await deleteApplicationCredential(s, 'u-demo', 'ac1')
    expect(r.calls[1]).toMatchObject({
      method: 'DELETE',
      url: `${K}/users/u-demo/application_credentials/ac1`,
    })
    expect(
      new NotFoundError({
        status: 404,
        service: 'identity',
        method: 'GET',
        url: 'x',
        message: 'generated-secret-xyz',
      }).message,
    ).not.toContain('generated-secret-xyz')
  })

  it('projects, roles and domains', async () => {
    server.use(
      fakeKeystone({ catalog: [{ type: 'identity', url: K }] }).handler,
      http.get(`${K}/projects/p1`, () =>
        HttpResponse.json({ project: { id: 'p1', name: 'demo', domain_id: 'default', enabled: true } }),
      ),
      http.get(`${K}/roles`, ({ request }) =>
        HttpResponse.json({
          roles: [{ id: 'r1', name: new URL(request.url).searchParams.get('name') ?? 'all' }],
          links: { next: null },
        }),
      ),
      http.get(`${K}/projects/p1/users/u1/roles`, () =>
        HttpResponse.json({
          roles: [
            { id: 'r1', name: 'member' },
            { id: 'r2', name: 'reader' },
          ],
        }),
      ),
      http.get(`${K}/domains`, ({ request }) =>
        HttpResponse.json({
          domains:
            new URL(request.url).searchParams.get('name') === 'magnum'
              ? [{ id: 'd9', name: 'magnum', enabled: true }]
              : [],
        }),
      ),
    )
    const s = session()
    expect(await getProject(s, 'p1')).toEqual({ id: 'p1', name: 'demo', domainId: 'default', enabled: true })
    expect(await listRoles(s, { name: 'member' })).toEqual([
      { id: 'r1', name: 'member', domainId: undefined },
    ])
    expect((await listUserProjectRoles(s, 'u1', 'p1')).map((r) => r.name)).toEqual(['member', 'reader'])
    expect(await findDomain(s, 'magnum')).toEqual({ id: 'd9', name: 'magnum', enabled: true })
    const missing = await findDomain(s, 'nope').catch((e) => e)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect(missing.message).toContain('no domain named "nope"')
  })
})
