import type { RouteContext } from '../server/service.js'
import type { TokenRecord } from './state.js'
import { tokenBody } from './token-body.js'

/** The Keystone token body for a stored token, with a catalog pointing back at the caller's origin. */
export function renderToken(ctx: RouteContext, token: TokenRecord, options: { noCatalog?: boolean } = {}) {
  const identity = ctx.cloud.state.identity
  const user = identity.users.get(token.userId)
  const userDomain = user ? identity.domains.get(user.domain_id) : undefined
  const project = token.projectId ? identity.projects.get(token.projectId) : undefined
  const projectDomain = project ? identity.domains.get(project.domain_id) : undefined
  const trust = token.trustId ? identity.trusts.get(token.trustId) : undefined
  const appCred = token.applicationCredentialId
    ? identity.applicationCredentials.get(token.applicationCredentialId)
    : undefined
  const ref = (d: { id: string; name: string } | undefined) => ({
    id: d?.id ?? 'default',
    name: d?.name ?? 'Default',
  })
  const body = tokenBody({
    methods: token.methods,
    user: { id: token.userId, name: user?.name ?? token.userId, domain: ref(userDomain) },
    project: project ? { id: project.id, name: project.name, domain: ref(projectDomain) } : undefined,
    roles: token.roles,
    catalog: project && !options.noCatalog ? ctx.cloud.catalog(ctx.origin, project.id) : [],
    issuedAt: new Date(token.issuedAt),
    expiresAt: new Date(token.expiresAt),
    trust: trust
      ? {
          id: trust.id,
          impersonation: trust.impersonation,
          trusteeUserId: trust.trustee_user_id,
          trustorUserId: trust.trustor_user_id,
        }
      : undefined,
    applicationCredential: appCred
      ? { id: appCred.id, name: appCred.name, restricted: !appCred.unrestricted }
      : undefined,
  })
  if (token.domainId && !project) {
    const domain = identity.domains.get(token.domainId)
    body.token.domain = ref(domain)
    body.token.roles = token.roles
    body.token.catalog = options.noCatalog ? [] : ctx.cloud.catalog(ctx.origin, '')
  }
  return body
}

/** A Keystone collection body with its `links` block. */
export function collection(ctx: RouteContext, key: string, items: unknown[]) {
  return { [key]: items, links: { self: ctx.url.toString(), previous: null, next: null } }
}

/** A Keystone entity with its `links.self`. */
export function withSelf<T extends object>(
  ctx: RouteContext,
  path: string,
  entity: T,
): T & { links: { self: string } } {
  return { ...entity, links: { self: `${ctx.serviceUrl}/v3/${path}` } }
}
