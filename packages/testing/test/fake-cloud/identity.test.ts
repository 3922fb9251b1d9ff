import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

function passwordAuth(user: string, password: string, scope?: unknown) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: user, domain: { name: 'Default' }, password } },
      },
      ...(scope ? { scope } : {}),
    },
  }
}

describe('fake Keystone', () => {
  it('issues a project-scoped token whose catalog points at the fake services', async () => {
    const cloud = createFakeCloud()
    const { token, body, projectId } = await login(cloud)
    expect(token).toMatch(/^gAAAAAB/)
    expect(body.token.project.name).toBe('demo')
    expect(body.token.roles.map((r: Json) => r.name).sort()).toEqual(['heat_stack_owner', 'member', 'reader'])
    const types = body.token.catalog.map((s: Json) => s.type)
    expect(types).toEqual(
      expect.arrayContaining([
        'identity',
        'compute',
        'image',
        'network',
        'load-balancer',
        'block-storage',
        'volumev3',
        'key-manager',
      ]),
    )
    const cinder = body.token.catalog.find((s: Json) => s.type === 'block-storage')
    expect(cinder.endpoints.map((e: Json) => e.interface).sort()).toEqual(['admin', 'internal', 'public'])
    expect(cinder.endpoints[0].url).toBe(`http://openstack.test/volume/v3/${projectId}`)
    expect(cinder.endpoints[0].region_id).toBe('RegionOne')
    // Every catalog URL answers (a version document) with the token.
    for (const service of body.token.catalog) {
      const res = await call(cloud, token, 'GET', service.endpoints[0].url)
      expect([200, 300]).toContain(res.status)
    }
  })

  it('answers a wrong password with 401 and the Keystone envelope', async () => {
    const cloud = createFakeCloud()
    const res = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify(passwordAuth('demo', 'nope')),
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/)
    expect(await res.json()).toEqual({
      error: {
        code: 401,
        title: 'Unauthorized',
        message: 'The request you have made requires authentication.',
      },
    })
  })

  it('refuses a project the user has no role on', async () => {
    const cloud = createFakeCloud()
    const res = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify(
        passwordAuth('demo', 'secret', { project: { name: 'admin', domain: { name: 'Default' } } }),
      ),
    })
    expect(res.status).toBe(401)
  })

  it('validates, re-issues from and revokes tokens', async () => {
    const cloud = createFakeCloud()
    const { token } = await login(cloud)
    const check = await call(cloud, token, 'GET', '/identity/v3/auth/tokens', undefined, {
      'x-subject-token': token,
    })
    expect(check.status).toBe(200)
    expect(check.body.token.user.name).toBe('demo')
    const reissued = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify({ auth: { identity: { methods: ['token'], token: { id: token } } } }),
    })
    expect(reissued.status).toBe(201)
    expect(((await reissued.json()) as Json).token.project.name).toBe('demo')
    const revoked = await call(cloud, token, 'DELETE', '/identity/v3/auth/tokens', undefined, {
      'x-subject-token': token,
    })
    expect(revoked.status).toBe(204)
    expect((await call(cloud, token, 'GET', '/compute/v2.1/flavors')).status).toBe(401)
  })

  it('expires tokens on the fake clock', async () => {
    const cloud = createFakeCloud({ tokenLifetimeSeconds: 60 })
    const { token, body } = await login(cloud)
    expect(Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at)).toBe(60_000)
    expect((await call(cloud, token, 'GET', '/compute/v2.1/flavors')).status).toBe(200)
    cloud.clock.advance(61_000)
    const res = await call(cloud, token, 'GET', '/compute/v2.1/flavors')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Keystone uri="http://openstack.test/identity"')
    expect(res.body.error.code).toBe(401)
  })

  it('creates a trustee user and a trust, and the trustee authenticates with it', async () => {
    const cloud = createFakeCloud()
    const demo = await login(cloud)
    const admin = await login(cloud, 'admin')
    const domains = await call(cloud, admin.token, 'GET', '/identity/v3/domains?name=magnum')
    const trusteeRes = await call(cloud, admin.token, 'POST', '/identity/v3/users', {
      user: { name: 'cluster-trustee', password: 'pw', domain_id: domains.body.domains[0].id },
    })
    expect(trusteeRes.status).toBe(201)
    expect(trusteeRes.body.user.password).toBeUndefined()
    const trustee = trusteeRes.body.user
    const trust = await call(cloud, demo.token, 'POST', '/identity/v3/OS-TRUST/trusts', {
      trust: {
        trustor_user_id: demo.userId,
        trustee_user_id: trustee.id,
        project_id: demo.projectId,
        impersonation: true,
        roles: [{ name: 'member' }],
      },
    })
    expect(trust.status).toBe(201)
    const scoped = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { id: trustee.id, password: 'pw' } } },
          scope: { 'OS-TRUST:trust': { id: trust.body.trust.id } },
        },
      }),
    })
    expect(scoped.status).toBe(201)
    const token = ((await scoped.json()) as Json).token
    expect(token['OS-TRUST:trust']).toMatchObject({ id: trust.body.trust.id, impersonation: true })
    expect(token.user.id).toBe(demo.userId)
    expect(token.project.id).toBe(demo.projectId)
    // The delegated role plus what it implies (member → reader), as Keystone 22 issues it.
    expect(token.roles.map((r: Json) => r.name)).toEqual(['member', 'reader'])

    // A trust naming a role the trustor lacks is refused.
    const refused = await call(cloud, demo.token, 'POST', '/identity/v3/OS-TRUST/trusts', {
      trust: {
        trustor_user_id: demo.userId,
        trustee_user_id: trustee.id,
        project_id: demo.projectId,
        roles: [{ name: 'admin' }],
      },
    })
    expect(refused.status).toBe(403)
  })

  it('authenticates with an application credential and forgets it once deleted', async () => {
    const cloud = createFakeCloud()
    const demo = await login(cloud)
    const created = await call(
      cloud,
      demo.token,
      'POST',
      `/identity/v3/users/${demo.userId}/application_credentials`,
      {
        application_credential: { name: 'ci' },
      },
    )
    expect(created.status).toBe(201)
    const { id, secret } = created.body.application_credential
    const auth = () =>
      cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
        method: 'POST',
        body: JSON.stringify({
          auth: { identity: { methods: ['application_credential'], application_credential: { id, secret } } },
        }),
      })
    const ok = await auth()
    expect(ok.status).toBe(201)
    expect(((await ok.json()) as Json).token.application_credential.id).toBe(id)
    expect(
      (
        await call(
          cloud,
          demo.token,
          'DELETE',
          `/identity/v3/users/${demo.userId}/application_credentials/${id}`,
        )
      ).status,
    ).toBe(204)
    // Keystone 22 answers a deleted credential's id with 404 (checked in test/contract).
    const refused = await auth()
    expect(refused.status).toBe(404)
    expect(((await refused.json()) as Json).error.message).toBe(
      `Could not find Application Credential: ${id}.`,
    )
  })

  it('keeps user, project and domain management for admins', async () => {
    const cloud = createFakeCloud()
    const demo = await login(cloud)
    const denied = await call(cloud, demo.token, 'POST', '/identity/v3/projects', { project: { name: 'x' } })
    expect(denied.status).toBe(403)
    expect(denied.body.error.title).toBe('Forbidden')
    const admin = await login(cloud, 'admin')
    const project = await call(cloud, admin.token, 'POST', '/identity/v3/projects', {
      project: { name: 'x' },
    })
    expect(project.status).toBe(201)
    const dup = await call(cloud, admin.token, 'POST', '/identity/v3/projects', { project: { name: 'x' } })
    expect(dup.status).toBe(409)
    const roles = await call(cloud, admin.token, 'GET', '/identity/v3/roles?name=member')
    const grant = await call(
      cloud,
      admin.token,
      'PUT',
      `/identity/v3/projects/${project.body.project.id}/users/${demo.userId}/roles/${roles.body.roles[0].id}`,
    )
    expect(grant.status).toBe(204)
    const assignments = await call(
      cloud,
      demo.token,
      'GET',
      `/identity/v3/role_assignments?user.id=${demo.userId}&scope.project.id=${project.body.project.id}`,
    )
    expect(assignments.body.role_assignments).toHaveLength(1)
    const grantsPath = `/identity/v3/projects/${project.body.project.id}/users/${demo.userId}/roles`
    // Listing grants is admin-only in Keystone's default policy, even one's own.
    expect((await call(cloud, demo.token, 'GET', grantsPath)).status).toBe(403)
    const mine = await call(cloud, admin.token, 'GET', grantsPath)
    expect(mine.body.roles.map((r: Json) => r.name)).toEqual(['member'])
  })

  it('issues domain-scoped tokens (the Magnum trustee domain admin) without project-templated endpoints', async () => {
    const cloud = createFakeCloud()
    const res = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: 'magnum_domain_admin', domain: { name: 'magnum' }, password: 'secret' },
            },
          },
          scope: { domain: { name: 'magnum' } },
        },
      }),
    })
    expect(res.status).toBe(201)
    const token = ((await res.json()) as Json).token
    expect(token.domain.name).toBe('magnum')
    expect(token.project).toBeUndefined()
    expect(token.roles.map((r: Json) => r.name)).toEqual(['admin'])
    const types = token.catalog.map((s: Json) => s.type)
    expect(types).toContain('identity')
    expect(types).not.toContain('block-storage')
    const created = await call(cloud, res.headers.get('x-subject-token')!, 'POST', '/identity/v3/users', {
      user: { name: 'trustee-1', password: 'x', domain_id: token.domain.id },
    })
    expect(created.status).toBe(201)
    expect(cloud.orphans().users).toEqual([`${created.body.user.id} (trustee-1)`])
  })
})
