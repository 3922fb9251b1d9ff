import type { Reply } from '../server/reply.js'
import type { RouteContext } from '../server/service.js'
import type { TokenRecord } from './state.js'
import { keystoneUnauthorized } from './token-body.js'

/** Why a token is not (or no longer) good, or undefined when it is. */
export function tokenProblem(
  ctx: Pick<RouteContext, 'cloud'>,
  token: TokenRecord | undefined,
): string | undefined {
  const { state, clock } = ctx.cloud
  if (!token) return 'unknown token'
  if (token.revoked) return 'revoked'
  if (token.expiresAt <= clock.now()) return 'expired'
  const user = state.identity.users.get(token.userId)
  if (!user?.enabled) return 'user gone or disabled'
  if (token.trustId && !state.identity.trusts.has(token.trustId)) return 'trust deleted'
  if (
    token.applicationCredentialId &&
    !state.identity.applicationCredentials.has(token.applicationCredentialId)
  ) {
    return 'application credential deleted'
  }
  return undefined
}

/** The caller's token from `X-Auth-Token` when it is valid (as keystonemiddleware checks it). */
export function authenticateRequest(ctx: RouteContext): TokenRecord | undefined {
  const id = ctx.headers.get('x-auth-token')
  if (!id) return undefined
  const token = ctx.cloud.state.identity.tokens.get(id)
  return tokenProblem(ctx, token) ? undefined : token
}

/** The 401 keystonemiddleware answers for any service when the token is missing or bad. */
export function keystonemiddleware401(): Reply {
  return { status: 401, body: keystoneUnauthorized() }
}

/** True when the token carries the `admin` role. */
export function isAdmin(token: TokenRecord | undefined): boolean {
  return Boolean(token?.roles.some((r) => r.name === 'admin'))
}
