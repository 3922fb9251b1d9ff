import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { createDomain, createProject, grantRole } from '../ops.js'
import { collection, withSelf } from '../render.js'
import { isAdmin } from '../validate.js'
import { keystoneNotFound, member, optionalString, requireAdmin, requiredString } from './body.js'

function lookup<T>(map: Map<string, T>, id: string | undefined, kind: string): T {
  const found = map.get(id ?? '')
  if (!found) throw keystoneNotFound(kind, id ?? '')
  return found
}

function assignmentParams(
  ctx: RouteContext,
  target: 'projects' | 'domains',
): { userId: string; roleId: string; projectId?: string; domainId?: string } {
  const identity = ctx.cloud.state.identity
  const scopeId = ctx.params.scopeId ?? ''
  if (target === 'projects') lookup(identity.projects, scopeId, 'project')
  else lookup(identity.domains, scopeId, 'domain')
  lookup(identity.users, ctx.params.userId, 'user')
  lookup(identity.roles, ctx.params.roleId, 'role')
  return {
    userId: ctx.params.userId ?? '',
    roleId: ctx.params.roleId ?? '',
    ...(target === 'projects' ? { projectId: scopeId } : { domainId: scopeId }),
  }
}

function assignmentRoutes(target: 'projects' | 'domains'): Route[] {
  const path = `/v3/${target}/:scopeId/users/:userId/roles/:roleId`
  return [
    route('PUT', path, (ctx) => {
      requireAdmin(ctx, 'identity:create_grant')
      grantRole(ctx.cloud.state.identity, assignmentParams(ctx, target))
      return empty(204)
    }),
    route('HEAD', path, (ctx) => {
      const p = assignmentParams(ctx, target)
      const found = ctx.cloud.state.identity.assignments.some(
        (a) =>
          a.userId === p.userId &&
          a.roleId === p.roleId &&
          a.projectId === p.projectId &&
          a.domainId === p.domainId,
      )
      if (!found) throw keystoneNotFound('role assignment', p.roleId)
      return empty(204)
    }),
    route('DELETE', path, (ctx) => {
      requireAdmin(ctx, 'identity:revoke_grant')
      const p = assignmentParams(ctx, target)
      const identity = ctx.cloud.state.identity
      identity.assignments = identity.assignments.filter(
        (a) =>
          !(
            a.userId === p.userId &&
            a.roleId === p.roleId &&
            a.projectId === p.projectId &&
            a.domainId === p.domainId
          ),
      )
      return empty(204)
    }),
  ]
}

/** Projects, domains, roles and role assignments. */
export const projectRoutes: Route[] = [
  route('GET', '/v3/projects', (ctx) => {
    requireAdmin(ctx, 'identity:list_projects')
    let projects = [...ctx.cloud.state.identity.projects.values()]
    const name = ctx.query.get('name')
    if (name) projects = projects.filter((p) => p.name === name)
    return json(
      200,
      collection(
        ctx,
        'projects',
        projects.map((p) => withSelf(ctx, `projects/${p.id}`, p)),
      ),
    )
  }),
  route('POST', '/v3/projects', (ctx) => {
    requireAdmin(ctx, 'identity:create_project')
    const input = member(ctx, 'project')
    const domainId = optionalString(input, 'domain_id') ?? 'default'
    lookup(ctx.cloud.state.identity.domains, domainId, 'domain')
    const project = createProject(ctx.cloud.state.identity, {
      name: requiredString(input, 'name'),
      domainId,
      description: optionalString(input, 'description') ?? '',
    })
    return json(201, { project: withSelf(ctx, `projects/${project.id}`, project) })
  }),
  route('GET', '/v3/projects/:id', (ctx) => {
    const project = lookup(ctx.cloud.state.identity.projects, ctx.params.id, 'project')
    if (ctx.auth?.projectId !== project.id) requireAdmin(ctx, 'identity:get_project')
    return json(200, { project: withSelf(ctx, `projects/${project.id}`, project) })
  }),
  route('DELETE', '/v3/projects/:id', (ctx) => {
    requireAdmin(ctx, 'identity:delete_project')
    const identity = ctx.cloud.state.identity
    const project = lookup(identity.projects, ctx.params.id, 'project')
    identity.projects.delete(project.id)
    identity.assignments = identity.assignments.filter((a) => a.projectId !== project.id)
    return empty(204)
  }),
  route('GET', '/v3/domains', (ctx) => {
    let domains = [...ctx.cloud.state.identity.domains.values()]
    if (!isAdmin(ctx.auth)) domains = domains.filter((d) => d.id === ctx.auth?.domainId)
    const name = ctx.query.get('name')
    if (name) domains = domains.filter((d) => d.name === name)
    return json(
      200,
      collection(
        ctx,
        'domains',
        domains.map((d) => withSelf(ctx, `domains/${d.id}`, d)),
      ),
    )
  }),
  route('POST', '/v3/domains', (ctx) => {
    requireAdmin(ctx, 'identity:create_domain')
    const input = member(ctx, 'domain')
    const domain = createDomain(ctx.cloud.state.identity, {
      name: requiredString(input, 'name'),
      description: optionalString(input, 'description') ?? '',
    })
    return json(201, { domain: withSelf(ctx, `domains/${domain.id}`, domain) })
  }),
  route('GET', '/v3/domains/:id', (ctx) => {
    const domain = lookup(ctx.cloud.state.identity.domains, ctx.params.id, 'domain')
    return json(200, { domain: withSelf(ctx, `domains/${domain.id}`, domain) })
  }),
  route('GET', '/v3/roles', (ctx) => {
    let roles = [...ctx.cloud.state.identity.roles.values()]
    const name = ctx.query.get('name')
    if (name) roles = roles.filter((r) => r.name === name)
    return json(
      200,
      collection(
        ctx,
        'roles',
        roles.map((r) => withSelf(ctx, `roles/${r.id}`, r)),
      ),
    )
  }),
  route('GET', '/v3/roles/:id', (ctx) => {
    const role = lookup(ctx.cloud.state.identity.roles, ctx.params.id, 'role')
    return json(200, { role: withSelf(ctx, `roles/${role.id}`, role) })
  }),
  route('GET', '/v3/projects/:scopeId/users/:userId/roles', (ctx) => {
    const identity = ctx.cloud.state.identity
    lookup(identity.projects, ctx.params.scopeId, 'project')
    lookup(identity.users, ctx.params.userId, 'user')
    // Admin-only in Keystone's default policy, even for the user's own grants.
    requireAdmin(ctx, 'identity:list_grants')
    const roles = identity.assignments
      .filter((a) => a.userId === ctx.params.userId && a.projectId === ctx.params.scopeId)
      .map((a) => identity.roles.get(a.roleId))
      .filter((r) => r !== undefined)
    return json(
      200,
      collection(
        ctx,
        'roles',
        roles.map((r) => withSelf(ctx, `roles/${r.id}`, r)),
      ),
    )
  }),
  ...assignmentRoutes('projects'),
  ...assignmentRoutes('domains'),
  route('GET', '/v3/role_assignments', (ctx) => {
    const identity = ctx.cloud.state.identity
    const userId = ctx.query.get('user.id')
    const projectId = ctx.query.get('scope.project.id')
    if (userId !== ctx.auth?.userId) requireAdmin(ctx, 'identity:list_role_assignments')
    const items = identity.assignments
      .filter((a) => (!userId || a.userId === userId) && (!projectId || a.projectId === projectId))
      .map((a) => ({
        role: { id: a.roleId, name: identity.roles.get(a.roleId)?.name },
        user: { id: a.userId },
        scope: a.projectId ? { project: { id: a.projectId } } : { domain: { id: a.domainId } },
      }))
    return json(200, collection(ctx, 'role_assignments', items))
  }),
]
