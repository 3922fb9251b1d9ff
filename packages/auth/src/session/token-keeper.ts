import type { CloudConfig } from '../config/types.js'
import { errorMessageFrom } from '../errors/envelope.js'
import { AuthError, httpErrorFor } from '../errors/errors.js'
import { registerSecret } from '../errors/redact.js'
import { buildAuthBody } from '../plugins/auth-body.js'
import { type IssuedToken, readIssuedToken } from '../plugins/token.js'
import { baseHeaders, readBody } from './body.js'
import { type ExchangeDeps, exchange, requestIdOf } from './http-exchange.js'

export interface TokenKeeper {
  /** A token with more than the refresh margin left, authenticating when needed. */
  valid(): Promise<IssuedToken>
  /** Drops `tokenId` if it is still the current token (a 401 said it is dead). */
  drop(tokenId: string): void
  /** Drops whatever token is held. */
  clear(): void
}

/**
 * Holds the session's one token. However many callers need a token at once, one auth request
 * is made (single flight); the token is refreshed when fewer than `refreshMarginMs` remain.
 */
export function createTokenKeeper(args: {
  config: CloudConfig
  authUrl: string
  deps: ExchangeDeps
  userAgent: string
  refreshMarginMs: number
}): TokenKeeper {
  const { config, authUrl, deps } = args
  let current: IssuedToken | undefined
  let inflight: Promise<IssuedToken> | undefined

  async function issue(): Promise<IssuedToken> {
    const url = `${authUrl}/auth/tokens`
    const response = await exchange(deps, {
      service: 'identity',
      method: 'POST',
      url,
      headers: baseHeaders(args.userAgent, true),
      body: JSON.stringify(buildAuthBody(config.authType, config.auth)),
      signal: undefined,
      timeoutMs: undefined,
      // Issuing a token changes nothing server-side: safe to retry.
      idempotent: true,
    })
    const body = await readBody(response, 'json')
    const requestId = requestIdOf(response.headers)
    // Keystone answers a refused credential with 401, 403, or 404 with its own envelope (a
    // deleted application credential); a 404 without the envelope means a wrong auth URL.
    const keystoneRefusal =
      response.status === 404 && Boolean((body as { error?: unknown } | undefined)?.error)
    if (response.status === 401 || response.status === 403 || keystoneRefusal) {
      throw new AuthError(
        `Keystone at ${authUrl} refused the credentials (${describeWho(config)}): ${errorMessageFrom(body, response.statusText)}`,
        { status: response.status, requestId },
      )
    }
    if (response.status >= 400) {
      const hint =
        response.status === 404
          ? ' (is auth_url the Keystone v3 root, e.g. https://keystone.example:5000/v3?)'
          : ''
      throw httpErrorFor({
        status: response.status,
        service: 'identity',
        method: 'POST',
        url,
        requestId,
        message: `${errorMessageFrom(body, response.statusText)}${hint}`,
        body,
      })
    }
    const tokenId = response.headers.get('x-subject-token')
    if (!tokenId)
      throw new AuthError(`Keystone at ${authUrl} answered without an X-Subject-Token header`, { requestId })
    registerSecret(tokenId)
    current = readIssuedToken(tokenId, body)
    return current
  }

  return {
    valid() {
      if (current && current.expiresAt.getTime() - deps.now() > args.refreshMarginMs)
        return Promise.resolve(current)
      inflight ??= issue().finally(() => {
        inflight = undefined
      })
      return inflight
    },
    drop(tokenId) {
      if (current?.id === tokenId) current = undefined
    },
    clear() {
      current = undefined
    },
  }
}

function describeWho(config: CloudConfig): string {
  const a = config.auth
  const user =
    a.userId ??
    a.username ??
    (a.applicationCredentialId
      ? `application credential ${a.applicationCredentialId}`
      : (a.applicationCredentialName ?? 'token'))
  const scope = a.trustId
    ? `trust ${a.trustId}`
    : (a.projectId ?? a.projectName ?? a.domainName ?? a.domainId ?? 'unscoped')
  return `user ${user}, scope ${scope}`
}
