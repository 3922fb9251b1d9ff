import { ApiError, forbidden } from '../server/api-error.js'
import type { RouteContext } from '../server/service.js'
import type { AuthRequest, ScopeRef, UserRef } from './auth-request.js'
import { tokenString } from './ids.js'
import { type IdentityState, rolesOf, type TokenRecord, type UserRecord, withImpliedRoles } from './state.js'
import { tokenProblem } from './validate.js'

const unauthorized = (message = 'The request you have made requires authentication.') =>
  new ApiError(401, message, 'Unauthorized')

/** Runs Keystone's `POST /v3/auth/tokens` logic: who is it, scoped to what; stores and returns the token. */
export function authenticate(ctx: RouteContext, request: AuthRequest): TokenRecord {
  const { state, clock, settings } = ctx.cloud
  const identity = state.identity
  const method = request.methods[0]
  let user: UserRecord | undefined
  let inherited: TokenRecord | undefined
  let appCred: ReturnType<typeof findAppCred>
  if (method === 'password' && request.password) {
    user = findUser(identity, request.password.user)
    if (!user || user.password !== request.password.password) throw unauthorized()
  } else if (method === 'token' && request.token) {
    inherited = identity.tokens.get(request.token.id)
    if (!inherited || tokenProblem(ctx, inherited)) throw unauthorized('Could not find token.')
    user = identity.users.get(inherited.userId)
  } else if (method === 'application_credential' && request.applicationCredential) {
    appCred = findAppCred(identity, request.applicationCredential)
    const byId = request.applicationCredential.id
    // Keystone answers an unknown (e.g. deleted) credential id with 404, not 401.
    if (!appCred && byId)
      throw new ApiError(404, `Could not find Application Credential: ${byId}.`, 'Not Found')
    if (!appCred || appCred.secret !== request.applicationCredential.secret) throw unauthorized()
    if (appCred.expires_at && Date.parse(appCred.expires_at) <= clock.now()) throw unauthorized()
    user = identity.users.get(appCred.user_id)
  } else {
    throw new ApiError(400, `Unsupported or incomplete auth method: ${String(method)}`, 'ValidationError')
  }
  if (!user?.enabled) throw unauthorized()

  const now = clock.now()
  const base = {
    id: tokenString(),
    methods: request.methods,
    issuedAt: now,
    expiresAt: Math.min(
      now + settings.tokenLifetimeSeconds * 1000,
      inherited?.expiresAt ?? Number.POSITIVE_INFINITY,
    ),
    revoked: false,
    trustId: undefined as string | undefined,
    applicationCredentialId: undefined as string | undefined,
  }
  const scope = request.scope === 'unscoped' ? undefined : request.scope
  let token: TokenRecord

  if (appCred) {
    if (scope) throw unauthorized('Application credentials cannot request a scope.')
    token = {
      ...base,
      userId: user.id,
      projectId: appCred.project_id,
      domainId: undefined,
      roles: appCred.roles.map((r) => ({ id: r.id, name: r.name })),
      applicationCredentialId: appCred.id,
    }
  } else if (scope?.trustId) {
    const trust = identity.trusts.get(scope.trustId)
    // Keystone answers a deleted (revoked) or unknown trust with a plain 401, not a 404.
    if (!trust) throw unauthorized()
    if (trust.trustee_user_id !== user.id) throw forbidden('User is not a trustee.', 'Forbidden')
    if (trust.expires_at && Date.parse(trust.expires_at) <= now) throw unauthorized('Trust has expired.')
    token = {
      ...base,
      userId: trust.impersonation ? trust.trustor_user_id : user.id,
      projectId: trust.project_id ?? undefined,
      domainId: undefined,
      roles: withImpliedRoles(identity, trust.roles),
      trustId: trust.id,
    }
  } else if (scope?.project) {
    const project = findProject(identity, scope.project)
    if (!project?.enabled) throw unauthorized(`Could not find project.`)
    const roles = rolesOf(identity, user.id, { projectId: project.id })
    if (roles.length === 0) throw unauthorized(`User ${user.id} has no access to project ${project.id}.`)
    token = { ...base, userId: user.id, projectId: project.id, domainId: undefined, roles }
  } else if (scope?.domain) {
    const domain = findDomain(identity, scope.domain)
    if (!domain) throw unauthorized('Could not find domain.')
    const roles = rolesOf(identity, user.id, { domainId: domain.id })
    if (roles.length === 0) throw unauthorized(`User ${user.id} has no access to domain ${domain.id}.`)
    token = { ...base, userId: user.id, projectId: undefined, domainId: domain.id, roles }
  } else if (inherited && !scope && request.scope !== 'unscoped') {
    // Re-issuing from a token keeps its scope, as Keystone does.
    token = {
      ...base,
      userId: inherited.userId,
      projectId: inherited.projectId,
      domainId: inherited.domainId,
      roles: inherited.roles,
      trustId: inherited.trustId,
    }
  } else {
    const projectId = request.scope === 'unscoped' ? undefined : user.default_project_id
    const roles = projectId ? rolesOf(identity, user.id, { projectId }) : []
    token =
      projectId && roles.length > 0
        ? { ...base, userId: user.id, projectId, domainId: undefined, roles }
        : { ...base, userId: user.id, projectId: undefined, domainId: undefined, roles: [] }
  }
  identity.tokens.set(token.id, token)
  return token
}

function findUser(identity: IdentityState, ref: UserRef): UserRecord | undefined {
  if (ref.id) return identity.users.get(ref.id)
  if (!ref.name) return undefined
  const domain = findDomain(identity, { id: ref.domainId, name: ref.domainName })
  if (!domain) return undefined
  return [...identity.users.values()].find((u) => u.name === ref.name && u.domain_id === domain.id)
}

function findProject(identity: IdentityState, ref: ScopeRef) {
  if (ref.id) return identity.projects.get(ref.id)
  const domain = findDomain(identity, { id: ref.domainId, name: ref.domainName })
  if (!domain) return undefined
  return [...identity.projects.values()].find((p) => p.name === ref.name && p.domain_id === domain.id)
}

function findDomain(identity: IdentityState, ref: { id?: string | undefined; name?: string | undefined }) {
  if (ref.id) return identity.domains.get(ref.id)
  if (ref.name) return [...identity.domains.values()].find((d) => d.name === ref.name)
  return undefined
}

function findAppCred(
  identity: IdentityState,
  ref: { id?: string | undefined; name?: string | undefined; user?: UserRef | undefined },
) {
  if (ref.id) return identity.applicationCredentials.get(ref.id)
  const user = ref.user ? findUser(identity, ref.user) : undefined
  if (!user || !ref.name) return undefined
  return [...identity.applicationCredentials.values()].find(
    (c) => c.user_id === user.id && c.name === ref.name,
  )
}
