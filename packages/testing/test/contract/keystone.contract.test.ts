import {
  AuthError,
  ConflictError,
  createApplicationCredential,
  createSession,
  createTrust,
  createUser,
  deleteApplicationCredential,
  deleteTrust,
  deleteUser,
  getProject,
  getTrust,
  getUser,
  listRoles,
  listUserProjectRoles,
  NotFoundError,
  type Session,
} from '@magnum-ts/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Account, type ContractTarget, targets, unique } from './targets.js'

// The same Keystone behaviour on the fake (over HTTP on 127.0.0.1) and on realcloud's Keystone 22.

/** A raw password authentication, to see the wire (status, X-Subject-Token, envelope). */
async function passwordAuth(target: ContractTarget, account: Account, password = account.password) {
  const res = await fetch(`${target.authUrl()}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: account.user, domain: { name: 'Default' }, password } },
        },
        scope: { project: { name: account.project, domain: { name: 'Default' } } },
      },
    }),
  })
  // biome-ignore lint/suspicious/noExplicitAny: the raw Keystone body, read field by field below
  return { status: res.status, token: res.headers.get('x-subject-token'), body: (await res.json()) as any }
}

describe.each(targets)('contract ($name): Keystone as the SDK uses it', (target) => {
  let demo: Session
  let admin: Session
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    await target.start()
    demo = target.session(target.accounts.demo)
    admin = target.session(target.accounts.admin)
  })
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
    await target.stop()
  })

  it.skipIf(target.skip)(
    'project-scoped password auth: 201, X-Subject-Token, expiry, roles, catalog',
    async () => {
      const { status, token, body } = await passwordAuth(target, target.accounts.demo)
      expect(status).toBe(201)
      expect(token).toMatch(/^\S{20,}$/)
      expect(Date.parse(body.token.expires_at)).toBeGreaterThan(Date.now())
      expect(body.token.project.name).toBe('demo')
      expect(body.token.user.name).toBe('demo')
      expect(body.token.roles.map((r: { name: string }) => r.name)).toContain('member')
      expect(body.token.methods).toEqual(['password'])
      const byType = new Map(body.token.catalog.map((s: { type: string }) => [s.type, s]))
      for (const type of ['identity', 'orchestration']) {
        const service = byType.get(type) as {
          endpoints: { interface: string; region: string; url: string }[]
        }
        expect(service, `catalog entry ${type}`).toBeDefined()
        expect(service.endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public'])
        for (const e of service.endpoints) expect(e.region).toBe('RegionOne')
      }
      const orchestration = byType.get('orchestration') as { endpoints: { url: string }[] }
      expect(orchestration.endpoints[0]?.url).toMatch(new RegExp(`/v1/${body.token.project.id}$`))

      const ctx = await demo.context()
      expect(ctx.projectName).toBe('demo')
      expect(ctx.roles).toContain('member')
      expect(ctx.isAdmin).toBe(false)
      expect(ctx.expiresAt.getTime()).toBeGreaterThan(Date.now())
    },
  )

  it.skipIf(target.skip)(
    "a wrong password: 401 in Keystone's error envelope, an AuthError from the SDK",
    async () => {
      const { status, token, body } = await passwordAuth(target, target.accounts.demo, 'wrong-password')
      expect(status).toBe(401)
      expect(token).toBeNull()
      expect(body.error.code).toBe(401)
      expect(body.error.title).toBe('Unauthorized')
      expect(body.error.message).toBe('The request you have made requires authentication.')

      const session = createSession(target.config({ ...target.accounts.demo, password: 'wrong-password' }))
      const error = await session.token().catch((e) => e)
      expect(error).toBeInstanceOf(AuthError)
      expect(error.code).toBe('AUTH_FAILED')
      expect(error.status).toBe(401)
      expect(error.message).not.toContain('wrong-password')
    },
  )

  it.skipIf(target.skip)(
    'validates a token, revokes it (then 404), and a session re-authenticates',
    async () => {
      const { token } = await passwordAuth(target, target.accounts.demo)
      const check = (method: 'GET' | 'DELETE') =>
        admin.request<{ token?: { expires_at: string; user: { name: string } } }>(
          'identity',
          method,
          '/auth/tokens',
          {
            headers: { 'X-Subject-Token': token as string },
            responseType: method === 'DELETE' ? 'none' : 'json',
            okStatuses: [404],
          },
        )
      const valid = await check('GET')
      expect(valid.status).toBe(200)
      expect(valid.headers.get('x-subject-token')).toBe(token)
      expect(valid.body.token?.user.name).toBe('demo')
      expect((await check('DELETE')).status).toBe(204)
      expect((await check('GET')).status).toBe(404)

      // A session whose token is revoked behind its back gets a new one and carries on.
      const session = target.session(target.accounts.demo)
      const first = await session.token()
      const ctx = await session.context()
      await admin.request('identity', 'DELETE', '/auth/tokens', {
        headers: { 'X-Subject-Token': first },
        responseType: 'none',
      })
      expect((await getProject(session, ctx.projectId as string)).name).toBe('demo')
      expect(await session.token()).not.toBe(first)
    },
  )

  it.skipIf(target.skip)(
    'users: create in a domain, 409 on a duplicate name, get, list, delete, then 404',
    async () => {
      const name = unique('mts-user')
      const user = await createUser(admin, {
        name,
        password: 'pw-1234567',
        domainId: 'default',
        description: 'contract',
      })
      cleanups.push(() => deleteUser(admin, user.id))
      expect(user).toMatchObject({ name, domainId: 'default', enabled: true, description: 'contract' })

      const duplicate = await createUser(admin, { name, password: 'pw-1234567', domainId: 'default' }).catch(
        (e) => e,
      )
      expect(duplicate).toBeInstanceOf(ConflictError)
      expect(duplicate.status).toBe(409)

      expect((await getUser(admin, user.id)).name).toBe(name)
      const listed = await admin.request<{ users: { id: string; name: string }[] }>(
        'identity',
        'GET',
        '/users',
        {
          query: { name, domain_id: 'default' },
        },
      )
      expect(listed.body.users.map((u) => u.id)).toEqual([user.id])

      // The new user can authenticate (unscoped: it has no role anywhere).
      await deleteUser(admin, user.id)
      cleanups.pop()
      const gone = await getUser(admin, user.id).catch((e) => e)
      expect(gone).toBeInstanceOf(NotFoundError)
      expect(gone.status).toBe(404)
    },
  )

  it.skipIf(target.skip)(
    'trust: impersonation, delegated roles, depth 0 → trust-scoped token → delete',
    async () => {
      const ctx = await demo.context()
      const alt = await admin.request<{ users: { id: string }[] }>('identity', 'GET', '/users', {
        query: { name: 'alt_demo' },
      })
      const altId = alt.body.users[0]?.id as string
      const trust = await createTrust(demo, {
        trustorUserId: ctx.userId,
        trusteeUserId: altId,
        projectId: ctx.projectId as string,
        roles: ['member'],
        impersonation: true,
        redelegationCount: 0,
      })
      cleanups.push(() => deleteTrust(demo, trust.id))
      expect(trust).toMatchObject({
        trustorUserId: ctx.userId,
        trusteeUserId: altId,
        projectId: ctx.projectId,
        impersonation: true,
        redelegationCount: 0,
      })
      expect(trust.roles).toEqual(['member'])
      expect((await getTrust(demo, trust.id)).id).toBe(trust.id)

      const trustee = createSession({
        authType: 'password',
        auth: {
          authUrl: target.authUrl(),
          username: 'alt_demo',
          password: target.accounts.alt.password,
          userDomainName: 'Default',
          trustId: trust.id,
        },
      })
      const tctx = await trustee.context()
      expect(tctx.trustId).toBe(trust.id)
      expect(tctx.projectId).toBe(ctx.projectId)
      expect(tctx.userId).toBe(ctx.userId) // impersonation: the token acts as the trustor
      // The delegated role and what it implies (member → reader).
      expect([...tctx.roles].sort()).toEqual(['member', 'reader'])

      await deleteTrust(demo, trust.id)
      cleanups.pop()
      expect(await getTrust(demo, trust.id).catch((e) => e)).toBeInstanceOf(NotFoundError)
      const refused = await createSession(trustee.config)
        .token()
        .catch((e) => e)
      expect(refused).toBeInstanceOf(AuthError)
    },
  )

  it.skipIf(target.skip)('application credential: create → authenticate → delete → refused', async () => {
    const ctx = await demo.context()
    const name = unique('mts-appcred')
    const cred = await createApplicationCredential(demo, ctx.userId, { name, roles: ['member'] })
    cleanups.push(() => deleteApplicationCredential(demo, ctx.userId, cred.id))
    expect(cred.secret).toBeTruthy()
    expect(cred.projectId).toBe(ctx.projectId)
    expect(cred.roles).toEqual(['member'])
    expect(cred.unrestricted).toBe(false)

    const config = {
      authType: 'v3applicationcredential' as const,
      auth: {
        authUrl: target.authUrl(),
        applicationCredentialId: cred.id,
        applicationCredentialSecret: cred.secret!,
      },
    }
    const withCred = await createSession(config).context()
    expect(withCred.projectId).toBe(ctx.projectId)
    expect(withCred.userId).toBe(ctx.userId)
    expect(withCred.roles).toEqual(['member'])

    await deleteApplicationCredential(demo, ctx.userId, cred.id)
    cleanups.pop()
    const refused = await createSession(config)
      .token()
      .catch((e) => e)
    expect(refused).toBeInstanceOf(AuthError)
    // Keystone answers a deleted credential's id with 404 ("Could not find Application Credential").
    expect(refused.status).toBe(404)
  })

  it.skipIf(target.skip)(
    'application credential deletion: refused to the credential itself (403), allowed to an admin',
    async () => {
      const ctx = await demo.context()
      const cred = await createApplicationCredential(demo, ctx.userId, {
        name: unique('mts-appcred-del'),
        roles: ['member'],
        unrestricted: false,
      })
      cleanups.push(() => deleteApplicationCredential(demo, ctx.userId, cred.id))
      const self = createSession({
        authType: 'v3applicationcredential',
        auth: {
          authUrl: target.authUrl(),
          applicationCredentialId: cred.id,
          applicationCredentialSecret: cred.secret!,
        },
      })
      // magnum-ts's finishDelete relies on both: a cluster's own credential cannot clean itself up.
      const refused = await deleteApplicationCredential(self, ctx.userId, cred.id).catch((e) => e)
      expect(refused.status).toBe(403)
      expect(refused.message).toContain("Using method 'application_credential' is not allowed")
      await deleteApplicationCredential(admin, ctx.userId, cred.id)
      cleanups.pop()
      const gone = await deleteApplicationCredential(demo, ctx.userId, cred.id).catch((e) => e)
      expect(gone).toBeInstanceOf(NotFoundError)
    },
  )

  it.skipIf(target.skip)('projects and roles as the SDK reads them', async () => {
    const ctx = await demo.context()
    expect(await getProject(demo, ctx.projectId as string)).toMatchObject({
      id: ctx.projectId,
      name: 'demo',
      domainId: 'default',
      enabled: true,
    })
    const member = await listRoles(admin, { name: 'member' })
    expect(member.map((r) => r.name)).toEqual(['member'])
    // Listing a user's grants is admin-only in Keystone's default policy.
    const grants = (await listUserProjectRoles(admin, ctx.userId, ctx.projectId as string)).map((r) => r.name)
    expect(grants).toContain('member')
    const denied = await listUserProjectRoles(demo, ctx.userId, ctx.projectId as string).catch((e) => e)
    expect(denied.status).toBe(403)
    const missing = await getProject(admin, 'f'.repeat(32)).catch((e) => e)
    expect(missing).toBeInstanceOf(NotFoundError)
  })
})
