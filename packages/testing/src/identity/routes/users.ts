import { ApiError } from '../../server/api-error.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { createApplicationCredential, createUser, deleteUser } from '../ops.js'
import { collection, withSelf } from '../render.js'
import type { ApplicationCredentialRecord, UserRecord } from '../state.js'
import { keystoneNotFound, member, optionalString, requireAdmin, requiredString } from './body.js'

/** A user as Keystone serves it (never the password). */
export function userView(ctx: RouteContext, u: UserRecord) {
  const { password: _password, ...rest } = u
  return withSelf(ctx, `users/${u.id}`, { ...rest, password_expires_at: null, options: {} })
}

function appCredView(ctx: RouteContext, c: ApplicationCredentialRecord, withSecret = false) {
  const { secret, ...rest } = c
  return withSelf(
    ctx,
    `users/${c.user_id}/application_credentials/${c.id}`,
    withSecret ? { ...rest, secret } : rest,
  )
}

function userOr404(ctx: RouteContext): UserRecord {
  const user = ctx.cloud.state.identity.users.get(ctx.params.id ?? '')
  if (!user) throw keystoneNotFound('user', ctx.params.id ?? '')
  return user
}

function selfOrAdmin(ctx: RouteContext, userId: string, action: string) {
  if (ctx.auth?.userId !== userId) requireAdmin(ctx, action)
}

/** Users and their application credentials. */
export const userRoutes: Route[] = [
  route('GET', '/v3/users', (ctx) => {
    requireAdmin(ctx, 'identity:list_users')
    let users = [...ctx.cloud.state.identity.users.values()]
    const name = ctx.query.get('name')
    const domainId = ctx.query.get('domain_id')
    if (name) users = users.filter((u) => u.name === name)
    if (domainId) users = users.filter((u) => u.domain_id === domainId)
    return json(
      200,
      collection(
        ctx,
        'users',
        users.map((u) => userView(ctx, u)),
      ),
    )
  }),
  route('POST', '/v3/users', (ctx) => {
    requireAdmin(ctx, 'identity:create_user')
    const input = member(ctx, 'user')
    const domainId = optionalString(input, 'domain_id') ?? 'default'
    if (!ctx.cloud.state.identity.domains.has(domainId)) throw keystoneNotFound('domain', domainId)
    const defaultProjectId = optionalString(input, 'default_project_id')
    const description = optionalString(input, 'description')
    const user = createUser(ctx.cloud.state.identity, {
      name: requiredString(input, 'name'),
      domainId,
      password: optionalString(input, 'password') ?? '',
      ...(defaultProjectId ? { defaultProjectId } : {}),
      ...(description ? { description } : {}),
    })
    return json(201, { user: userView(ctx, user) })
  }),
  route('GET', '/v3/users/:id', (ctx) => {
    const user = userOr404(ctx)
    selfOrAdmin(ctx, user.id, 'identity:get_user')
    return json(200, { user: userView(ctx, user) })
  }),
  route('PATCH', '/v3/users/:id', (ctx) => {
    const user = userOr404(ctx)
    requireAdmin(ctx, 'identity:update_user')
    const input = member(ctx, 'user')
    if (typeof input.enabled === 'boolean') user.enabled = input.enabled
    if (typeof input.password === 'string') user.password = input.password
    if (typeof input.name === 'string') user.name = input.name
    return json(200, { user: userView(ctx, user) })
  }),
  route('DELETE', '/v3/users/:id', (ctx) => {
    const user = userOr404(ctx)
    requireAdmin(ctx, 'identity:delete_user')
    deleteUser(ctx.cloud.state.identity, user.id)
    return empty(204)
  }),
  route('GET', '/v3/users/:id/projects', (ctx) => {
    const user = userOr404(ctx)
    selfOrAdmin(ctx, user.id, 'identity:list_user_projects')
    const identity = ctx.cloud.state.identity
    const ids = new Set(identity.assignments.filter((a) => a.userId === user.id).map((a) => a.projectId))
    const projects = [...identity.projects.values()].filter((p) => ids.has(p.id))
    return json(
      200,
      collection(
        ctx,
        'projects',
        projects.map((p) => withSelf(ctx, `projects/${p.id}`, p)),
      ),
    )
  }),
  route('GET', '/v3/users/:id/application_credentials', (ctx) => {
    const user = userOr404(ctx)
    selfOrAdmin(ctx, user.id, 'identity:list_application_credentials')
    const creds = [...ctx.cloud.state.identity.applicationCredentials.values()].filter(
      (c) => c.user_id === user.id,
    )
    return json(
      200,
      collection(
        ctx,
        'application_credentials',
        creds.map((c) => appCredView(ctx, c)),
      ),
    )
  }),
  route('POST', '/v3/users/:id/application_credentials', (ctx) => {
    const user = userOr404(ctx)
    if (ctx.auth?.userId !== user.id) {
      throw new ApiError(
        403,
        'You are not authorized to perform the requested action: identity:create_application_credential.',
        'Forbidden',
      )
    }
    if (ctx.auth.applicationCredentialId) {
      throw new ApiError(403, 'Application credentials cannot create application credentials.', 'Forbidden')
    }
    const projectId = ctx.auth.projectId
    if (!projectId) throw new ApiError(400, 'A project-scoped token is required.', 'Bad Request')
    const input = member(ctx, 'application_credential')
    const requested = Array.isArray(input.roles)
      ? (input.roles as { name?: string; id?: string }[])
      : undefined
    const roles = (
      requested
        ? ctx.auth.roles.filter((r) => requested.some((q) => q.id === r.id || q.name === r.name))
        : ctx.auth.roles
    ).map((r) => ({ ...r, domain_id: null }))
    const cred = createApplicationCredential(ctx.cloud.state.identity, {
      name: requiredString(input, 'name'),
      user_id: user.id,
      project_id: projectId,
      description: optionalString(input, 'description') ?? null,
      roles,
      expires_at: optionalString(input, 'expires_at') ?? null,
      unrestricted: input.unrestricted === true,
      secret: optionalString(input, 'secret'),
    })
    return json(201, { application_credential: appCredView(ctx, cred, true) })
  }),
  route('GET', '/v3/users/:id/application_credentials/:credId', (ctx) => {
    const user = userOr404(ctx)
    selfOrAdmin(ctx, user.id, 'identity:get_application_credential')
    const cred = ctx.cloud.state.identity.applicationCredentials.get(ctx.params.credId ?? '')
    if (!cred || cred.user_id !== user.id)
      throw keystoneNotFound('application credential', ctx.params.credId ?? '')
    return json(200, { application_credential: appCredView(ctx, cred) })
  }),
  route('DELETE', '/v3/users/:id/application_credentials/:credId', (ctx) => {
    const user = userOr404(ctx)
    selfOrAdmin(ctx, user.id, 'identity:delete_application_credential')
    // Keystone: a token from an application credential cannot delete one, not even itself.
    if (ctx.auth?.applicationCredentialId) {
      throw new ApiError(
        403,
        "You are not authorized to perform the requested action: Using method 'application_credential' is not allowed for managing additional application credentials.",
        'Forbidden',
      )
    }
    const cred = ctx.cloud.state.identity.applicationCredentials.get(ctx.params.credId ?? '')
    if (!cred || cred.user_id !== user.id)
      throw keystoneNotFound('application credential', ctx.params.credId ?? '')
    ctx.cloud.state.identity.applicationCredentials.delete(cred.id)
    return empty(204)
  }),
]
