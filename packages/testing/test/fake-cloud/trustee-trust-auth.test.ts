import { AuthError, createSession, createTrust, createUser, deleteTrust, findDomain } from '@magnum-ts/auth'
import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'

/**
 * What the pipeline does as a cluster's trustee, checked against real Keystone and Heat
 * (realcloud): the trust-scoped password token sees the trustor project's stacks, may delete its
 * own trust (impersonation makes it the trustor), and once the trust is gone the same auth is a
 * plain 401 ("The request you have made requires authentication."), not a 404.
 */
describe('fake Keystone: trust-scoped auth of a cluster trustee', () => {
  async function trusteeOf() {
    const cloud = createFakeCloud()
    const owner = cloud.session()
    const ownerContext = await owner.context()
    const domainAdmin = createSession(
      {
        auth: {
          authUrl: cloud.authUrl,
          username: 'magnum_domain_admin',
          password: 'secret',
          userDomainName: 'magnum',
          domainName: 'magnum',
        },
      },
      { fetch: cloud.fetch },
    )
    const domain = await findDomain(domainAdmin, 'magnum')
    const user = await createUser(domainAdmin, { name: 'c1_trustee', password: 'pw', domainId: domain.id })
    const trust = await createTrust(owner, {
      trustorUserId: ownerContext.userId,
      trusteeUserId: user.id,
      projectId: ownerContext.projectId!,
      roles: ownerContext.roles,
      impersonation: true,
    })
    const asTrustee = createSession(
      { auth: { authUrl: cloud.authUrl, userId: user.id, password: 'pw', trustId: trust.id } },
      { fetch: cloud.fetch },
    )
    return { cloud, owner, ownerContext, trust, asTrustee }
  }

  it("lists the trustor project's stacks and deletes its own trust; a later auth is a 401", async () => {
    const { cloud, owner, ownerContext, trust, asTrustee } = await trusteeOf()
    await owner.request('orchestration', 'POST', '/stacks', {
      body: {
        stack_name: 'mine',
        template: {
          heat_template_version: '2016-10-14',
          resources: { r: { type: 'OS::Heat::RandomString' } },
        },
      },
    })
    const listed = await asTrustee.request<{ stacks: { stack_name: string }[] }>(
      'orchestration',
      'GET',
      '/stacks',
    )
    expect(listed.body.stacks.map((s) => s.stack_name)).toEqual(['mine'])
    expect(new URL(listed.url).pathname).toContain(`/${ownerContext.projectId}/stacks`)

    await deleteTrust(asTrustee, trust.id)
    expect(cloud.state.identity.trusts.has(trust.id)).toBe(false)

    const again = createSession(asTrustee.config, { fetch: cloud.fetch })
    const refused = await again.token().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AuthError)
    expect((refused as AuthError).status).toBe(401)
    expect((refused as Error).message).toContain('requires authentication')
  })
})
