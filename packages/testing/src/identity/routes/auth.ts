import { ApiError } from '../../server/api-error.js'
import { empty, json } from '../../server/reply.js'
import { type Route, route } from '../../server/service.js'
import { parseAuthRequest } from '../auth-request.js'
import { authenticate } from '../authenticate.js'
import { renderToken } from '../render.js'
import { tokenProblem } from '../validate.js'
import { keystoneNotFound } from './body.js'

/** `/v3/auth/*`: issue, validate, check and revoke tokens; the caller's catalog and projects. */
export const authRoutes: Route[] = [
  route(
    'POST',
    '/v3/auth/tokens',
    (ctx) => {
      const request = parseAuthRequest(ctx.body)
      if (!request) throw new ApiError(400, "Invalid input for field 'identity': required.", 'Bad Request')
      const token = authenticate(ctx, request)
      const noCatalog = ctx.query.has('nocatalog')
      return json(201, renderToken(ctx, token, { noCatalog }), { 'X-Subject-Token': token.id })
    },
    { public: true },
  ),
  route('GET', '/v3/auth/tokens', (ctx) => {
    const subject = subjectToken(ctx)
    return json(200, renderToken(ctx, subject, { noCatalog: ctx.query.has('nocatalog') }), {
      'X-Subject-Token': subject.id,
    })
  }),
  route('HEAD', '/v3/auth/tokens', (ctx) => {
    subjectToken(ctx)
    return empty(200)
  }),
  route('DELETE', '/v3/auth/tokens', (ctx) => {
    subjectToken(ctx).revoked = true
    return empty(204)
  }),
  route('GET', '/v3/auth/catalog', (ctx) => {
    const projectId = ctx.auth?.projectId
    if (!projectId) throw new ApiError(403, 'A scoped token is required to read the catalog.', 'Forbidden')
    const catalog = ctx.cloud.catalog(ctx.origin, projectId)
    return json(200, { catalog, links: { self: ctx.url.toString(), previous: null, next: null } })
  }),
  route('GET', '/v3/auth/projects', (ctx) => {
    const identity = ctx.cloud.state.identity
    const ids = new Set(
      identity.assignments.filter((a) => a.userId === ctx.auth?.userId).map((a) => a.projectId),
    )
    const projects = [...identity.projects.values()].filter((p) => ids.has(p.id))
    return json(200, { projects, links: { self: ctx.url.toString(), previous: null, next: null } })
  }),
]

function subjectToken(ctx: Parameters<Route['handler']>[0]) {
  const id = ctx.headers.get('x-subject-token') ?? ''
  const token = ctx.cloud.state.identity.tokens.get(id)
  if (!token || tokenProblem(ctx, token)) throw keystoneNotFound('token', id.slice(0, 8) + '…')
  return token
}
