import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type CloudConfig,
  createApplicationCredential,
  createSession,
  createTrust,
  deleteApplicationCredential,
  deleteTrust,
  EndpointNotFoundError,
  getProject,
  listUserProjectRoles,
  loadCloudConfig,
  type Session,
} from '../src/index.js'
import { REALCLOUD_CLOUDS_YAML, realcloudAvailable } from './support/realcloud.js'

// Contract tests against the real Keystone 22 of ../shared/realcloud (127.0.0.1:5000).
const available = await realcloudAvailable()
const env = { OS_CLIENT_CONFIG_FILE: REALCLOUD_CLOUDS_YAML }

describe.skipIf(!available)('contract: real Keystone', () => {
  let demoConfig: CloudConfig
  let demo: Session
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    demoConfig = await loadCloudConfig({ cloud: 'realcloud-demo', env })
    demo = createSession(demoConfig)
  })
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {})
  })

  it('project-scoped password auth from clouds.yaml', async () => {
    const ctx = await demo.context()
    expect(ctx.projectName).toBe('demo')
    expect(ctx.roles).toContain('member')
    expect(ctx.isAdmin).toBe(false)
    expect(ctx.expiresAt.getTime()).toBeGreaterThan(Date.now())
    expect((await getProject(demo, ctx.projectId!)).name).toBe('demo')
  })

  it('catalog lookup: templated endpoints, aliases, and a clear miss', async () => {
    const ctx = await demo.context()
    expect(await demo.endpoint('orchestration')).toBe(`http://127.0.0.1:8004/v1/${ctx.projectId}`)
    expect(await demo.endpoint('block-storage')).toBe(`http://127.0.0.1:8776/v3/${ctx.projectId}`)
    expect(await demo.endpoint('container-infra')).toBe('http://127.0.0.1:9511/v1')
    const miss = await demo.endpoint('dns').catch((e) => e)
    expect(miss).toBeInstanceOf(EndpointNotFoundError)
    expect(miss.message).toContain('orchestration [')
    const wrongRegion = await demo.endpoint('compute', { region: 'RegionTwo' }).catch((e) => e)
    expect(wrongRegion.message).toContain('"compute" exists only as')
  })

  it('application credential: create → authenticate with it → delete', async () => {
    const ctx = await demo.context()
    const name = `mts-contract-${randomUUID().slice(0, 8)}`
    const cred = await createApplicationCredential(demo, ctx.userId, { name, roles: ['member'] })
    cleanups.push(() => deleteApplicationCredential(demo, ctx.userId, cred.id))
    expect(cred.secret).toBeTruthy()

    const byId = createSession({
      authType: 'v3applicationcredential',
      auth: {
        authUrl: demoConfig.auth.authUrl,
        applicationCredentialId: cred.id,
        applicationCredentialSecret: cred.secret!,
      },
    })
    expect((await byId.context()).projectId).toBe(ctx.projectId)
    const byName = createSession({
      auth: {
        authUrl: demoConfig.auth.authUrl,
        applicationCredentialName: name,
        applicationCredentialSecret: cred.secret!,
        userId: ctx.userId,
      },
    })
    expect((await byName.context()).userId).toBe(ctx.userId)

    await deleteApplicationCredential(demo, ctx.userId, cred.id)
    cleanups.pop()
    const refused = await createSession({
      authType: 'v3applicationcredential',
      auth: {
        authUrl: demoConfig.auth.authUrl,
        applicationCredentialId: cred.id,
        applicationCredentialSecret: cred.secret!,
      },
    })
      .token()
      .catch((e) => e)
    expect(refused.code).toBe('AUTH_FAILED')
  })

  it('trust: demo delegates member to alt_demo → trust-scoped token → delete', async () => {
    const admin = createSession(await loadCloudConfig({ cloud: 'realcloud-admin', env }))
    const alt = await admin.request<{ users: { id: string }[] }>('identity', 'GET', '/users', {
      query: { name: 'alt_demo' },
    })
    const altId = alt.body.users[0]!.id
    const ctx = await demo.context()
    // Listing grants is admin-only in Keystone's default policy.
    const roles = (await listUserProjectRoles(admin, ctx.userId, ctx.projectId!)).map((r) => r.name)
    expect(roles).toContain('member')
    const trust = await createTrust(demo, {
      trustorUserId: ctx.userId,
      trusteeUserId: altId,
      projectId: ctx.projectId!,
      roles: ['member'],
      impersonation: true,
    })
    cleanups.push(() => deleteTrust(demo, trust.id))

    const trustee = createSession({
      auth: {
        authUrl: demoConfig.auth.authUrl,
        username: 'alt_demo',
        password: 'password',
        userDomainName: 'Default',
        trustId: trust.id,
      },
    })
    const tctx = await trustee.context()
    expect(tctx.trustId).toBe(trust.id)
    expect(tctx.projectId).toBe(ctx.projectId)
    // With impersonation the token acts as the trustor.
    expect(tctx.userId).toBe(ctx.userId)
    await deleteTrust(demo, trust.id)
    cleanups.pop()
  })

  it('a token revoked mid-use is replaced transparently', async () => {
    const session = createSession(demoConfig)
    const first = await session.token()
    const ctx = await session.context()
    // Revoke the session's own token behind its back.
    const revoker = createSession(demoConfig)
    await revoker.request('identity', 'DELETE', '/auth/tokens', {
      headers: { 'X-Subject-Token': first },
      responseType: 'none',
    })
    const res = await session.request<{ user: { id: string } }>('identity', 'GET', `/users/${ctx.userId}`)
    expect(res.body.user.id).toBe(ctx.userId)
    expect(await session.token()).not.toBe(first)
  })
})
