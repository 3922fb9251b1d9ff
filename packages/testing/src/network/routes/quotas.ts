import { isAdmin } from '../../identity/validate.js'
import { ApiError } from '../../server/api-error.js'
import { json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { quotaResources, usage } from '../quota.js'

function projectOf(ctx: RouteContext): string {
  const projectId = ctx.params.projectId ?? ''
  if (projectId !== ctx.auth?.projectId && !isAdmin(ctx.auth)) {
    throw new ApiError(403, 'Not authorized.', 'HTTPForbidden')
  }
  return projectId
}

/** Quotas of a project: limits, and (`quota-details`) usage. */
export const quotaRoutes: Route[] = [
  route('GET', '/v2.0/quotas/:projectId', (ctx) => {
    projectOf(ctx)
    return json(200, { quota: { ...ctx.cloud.state.network.quotas } })
  }),
  route('GET', '/v2.0/quotas/:projectId/details', (ctx) => {
    const projectId = projectOf(ctx)
    const s = ctx.cloud.state.network
    const quota = Object.fromEntries(
      quotaResources.map((r) => [r, { limit: s.quotas[r], used: usage(s, r, projectId), reserved: 0 }]),
    )
    return json(200, { quota })
  }),
]
