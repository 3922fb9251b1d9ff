import { ApiError } from '../../server/api-error.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { createTrust } from '../ops.js'
import { collection } from '../render.js'
import { rolesOf, type TrustRecord } from '../state.js'
import { isAdmin } from '../validate.js'
import { keystoneNotFound, member, optionalString, requiredString } from './body.js'

function trustView(ctx: RouteContext, t: TrustRecord) {
  return { ...t, links: { self: `${ctx.serviceUrl}/v3/OS-TRUST/trusts/${t.id}` } }
}

function trustOr404(ctx: RouteContext): TrustRecord {
  const trust = ctx.cloud.state.identity.trusts.get(ctx.params.id ?? '')
  const userId = ctx.auth?.userId
  const visible =
    trust && (isAdmin(ctx.auth) || trust.trustor_user_id === userId || trust.trustee_user_id === userId)
  if (!trust || !visible) throw keystoneNotFound('trust', ctx.params.id ?? '')
  return trust
}

/** `OS-TRUST`: delegation of a trustor's roles on a project to a trustee (Magnum's cluster trusts). */
export const trustRoutes: Route[] = [
  route('POST', '/v3/OS-TRUST/trusts', (ctx) => {
    const identity = ctx.cloud.state.identity
    const input = member(ctx, 'trust')
    const trustorId = requiredString(input, 'trustor_user_id')
    const trusteeId = requiredString(input, 'trustee_user_id')
    if (trustorId !== ctx.auth?.userId) {
      throw new ApiError(403, 'The authenticated user should match the trustor.', 'Forbidden')
    }
    if (ctx.auth.applicationCredentialId) {
      throw new ApiError(
        403,
        'Using method application_credential is not allowed for managing trusts.',
        'Forbidden',
      )
    }
    if (!identity.users.has(trusteeId)) throw keystoneNotFound('user', trusteeId)
    const projectId = optionalString(input, 'project_id') ?? null
    const requested = Array.isArray(input.roles) ? (input.roles as { name?: string; id?: string }[]) : []
    const held = projectId ? rolesOf(identity, trustorId, { projectId }) : []
    const roles = requested.map((want) => {
      const role = held.find((r) => r.id === want.id || r.name === want.name)
      if (!role) {
        throw new ApiError(
          403,
          `User ${trustorId} does not have role ${want.name ?? want.id} on the project.`,
          'Forbidden',
        )
      }
      return role
    })
    const trust = createTrust(identity, {
      trustor_user_id: trustorId,
      trustee_user_id: trusteeId,
      project_id: projectId,
      impersonation: input.impersonation === true,
      roles,
      expires_at: optionalString(input, 'expires_at') ?? null,
      remaining_uses: typeof input.remaining_uses === 'number' ? input.remaining_uses : null,
      allow_redelegation: input.allow_redelegation === true,
    })
    return json(201, { trust: trustView(ctx, trust) })
  }),
  route('GET', '/v3/OS-TRUST/trusts', (ctx) => {
    const trustor = ctx.query.get('trustor_user_id')
    const trustee = ctx.query.get('trustee_user_id')
    const userId = ctx.auth?.userId
    const trusts = [...ctx.cloud.state.identity.trusts.values()].filter(
      (t) =>
        (isAdmin(ctx.auth) || t.trustor_user_id === userId || t.trustee_user_id === userId) &&
        (!trustor || t.trustor_user_id === trustor) &&
        (!trustee || t.trustee_user_id === trustee),
    )
    return json(
      200,
      collection(
        ctx,
        'trusts',
        trusts.map((t) => trustView(ctx, t)),
      ),
    )
  }),
  route('GET', '/v3/OS-TRUST/trusts/:id', (ctx) => json(200, { trust: trustView(ctx, trustOr404(ctx)) })),
  route('DELETE', '/v3/OS-TRUST/trusts/:id', (ctx) => {
    const trust = trustOr404(ctx)
    if (trust.trustor_user_id !== ctx.auth?.userId && !isAdmin(ctx.auth)) {
      throw new ApiError(403, 'Only the trustor may delete a trust.', 'Forbidden')
    }
    ctx.cloud.state.identity.trusts.delete(trust.id)
    return empty(204)
  }),
]
