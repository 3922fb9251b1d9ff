import {
  AuthError,
  createApplicationCredential,
  createSession,
  createTrust,
  createUser,
  deleteApplicationCredential,
  deleteTrust,
  deleteUser,
  ForbiddenError,
  findDomain,
  listUserProjectRoles,
} from '@magnum-ts/auth'
import { describe, expect, it } from 'vitest'
import { createFakeCloud } from '../../src/index.js'

describe('Magnum-style identity flows through a real Session', () => {
  it('trustee user in the trustee domain, a trust from the cluster owner, and a trust-scoped session', async () => {
    const cloud = createFakeCloud()
    const owner = cloud.session()
    const ownerContext = await owner.context()
    const projectId = ownerContext.projectId!
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
    const trustee = await createUser(domainAdmin, {
      name: 'cluster-1-trustee',
      password: 'pw',
      domainId: domain.id,
    })
    // Magnum delegates the roles of the owner's token: listing grants is admin-only in Keystone.
    await expect(listUserProjectRoles(owner, ownerContext.userId, projectId)).rejects.toThrow(ForbiddenError)
    const trust = await createTrust(owner, {
      trustorUserId: ownerContext.userId,
      trusteeUserId: trustee.id,
      projectId,
      roles: ownerContext.roles,
      impersonation: true,
    })
    expect(trust.roles.sort()).toEqual(['heat_stack_owner', 'member', 'reader'])

    const asTrustee = createSession(
      { auth: { authUrl: cloud.authUrl, userId: trustee.id, password: 'pw', trustId: trust.id } },
      { fetch: cloud.fetch },
    )
    const context = await asTrustee.context()
    expect(context).toMatchObject({ userId: ownerContext.userId, projectId, trustId: trust.id })
    const flavors = await asTrustee.request<{ flavors: unknown[] }>('compute', 'GET', '/flavors')
    expect(flavors.body.flavors).toHaveLength(2)

    await deleteTrust(owner, trust.id)
    // A trust-scoped token dies with its trust: the next request re-authenticates and fails.
    await expect(asTrustee.request('compute', 'GET', '/flavors')).rejects.toThrow(AuthError)
    await deleteUser(domainAdmin, trustee.id)
    cloud.assertNoOrphans()
  })

  it('an application credential session, until the credential is deleted', async () => {
    const cloud = createFakeCloud()
    const owner = cloud.session()
    const { userId } = await owner.context()
    const credential = await createApplicationCredential(owner, userId, { name: 'ci', roles: ['member'] })
    const session = createSession(
      {
        authType: 'v3applicationcredential',
        auth: {
          authUrl: cloud.authUrl,
          applicationCredentialId: credential.id,
          applicationCredentialSecret: credential.secret!,
        },
      },
      { fetch: cloud.fetch },
    )
    expect((await session.context()).roles).toEqual(['member'])
    await deleteApplicationCredential(owner, userId, credential.id)
    cloud.assertNoOrphans()
  })
})
