import { randomUUID } from 'node:crypto'
import { type HttpHandler, HttpResponse, http } from 'msw'
import { type AuthRequest, parseAuthRequest } from '../identity/auth-request.js'
import {
  type CatalogServiceSpec,
  keystoneError,
  keystoneUnauthorized,
  tokenBody,
} from '../identity/token-body.js'
import { serviceNameFor } from './service-names.js'
import {
  identityVersionDocument,
  type MicroversionRange,
  versionDocument,
  versionsDocument,
} from './version-document.js'

export interface MockIdentityOptions {
  /** Keystone v3 URL. Default `http://keystone.test/v3`. */
  authUrl?: string
  /** Service type → endpoint URL (may contain `%(project_id)s`), served as public, internal and admin. */
  services?: Record<string, string>
  /** Service type → microversion range, served as a version document at that service's endpoint. */
  versions?: Record<string, MicroversionRange>
  projectId?: string
  userId?: string
  /** Role names on the project. Default `['member', 'reader']`. */
  roles?: string[]
  /** The token string issued. */
  token?: string
  /** Token lifetime from the moment it is issued. Default 3600. */
  expiresInSeconds?: number
  /** Region of every endpoint. Default `RegionOne`. */
  region?: string
}

export interface MockKeystone {
  /** msw handlers: `POST/GET {authUrl}/auth/tokens`, `GET {authUrl}`, and the version documents. */
  handlers: HttpHandler[]
  /** The token every successful authentication returns. */
  token: string
  authUrl: string
  projectId: string
  userId: string
  /** How many `POST /auth/tokens` requests the handlers have answered (failed ones included). */
  tokenRequests(): number
}

/** The user and password `session()` authenticates with. */
export const mockCredentials = { username: 'demo', password: 'secret', projectName: 'demo' } as const

const defaultDomain = { id: 'default', name: 'Default' }

/** The msw side of `mockIdentity`: Keystone token handlers and version documents, no session. */
export function mockKeystone(options: MockIdentityOptions = {}): MockKeystone {
  const authUrl = trimSlash(options.authUrl ?? 'http://keystone.test/v3')
  const projectId = options.projectId ?? '8f0b6c9e1d2a4b3c9e7f6a5d4c3b2a10'
  const userId = options.userId ?? 'd2c1b0a9f8e7d6c5b4a3928170615243'
  const token = options.token ?? 'gAAAAABmock-identity-token-0123456789'
  const region = options.region ?? 'RegionOne'
  const expiresInSeconds = options.expiresInSeconds ?? 3600
  const roles = (options.roles ?? ['member', 'reader']).map((name) => ({ id: `role-${name}`, name }))
  const services = { identity: authUrl, ...options.services }
  const endpoints = Object.fromEntries(
    Object.entries(services).map(([type, url]) => [type, withProject(trimSlash(url), projectId)]),
  )
  const catalog: CatalogServiceSpec[] = Object.entries(endpoints).map(([type, url]) => ({
    type,
    name: serviceNameFor(type),
    id: `${type.replace(/[^a-z0-9]/gi, '')}0000000000000000000000000`.slice(0, 32),
    endpoints: (['public', 'internal', 'admin'] as const).map((iface) => ({ interface: iface, region, url })),
  }))
  let requests = 0

  const issue = (methods: string[]) => {
    const now = new Date()
    return tokenBody({
      methods,
      user: { id: userId, name: mockCredentials.username, domain: defaultDomain },
      project: { id: projectId, name: mockCredentials.projectName, domain: defaultDomain },
      roles,
      catalog,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
    })
  }

  const handlers: HttpHandler[] = [
    http.post(`${authUrl}/auth/tokens`, async ({ request }) => {
      requests++
      const auth = parseAuthRequest(await request.json().catch(() => undefined))
      if (!auth) {
        return json(400, keystoneError(400, 'Bad Request', 'Invalid input for field identity.'))
      }
      if (!accepts(auth, { userId, token })) return json(401, keystoneUnauthorized())
      return json(201, issue(auth.methods), { 'X-Subject-Token': token })
    }),
    http.get(`${authUrl}/auth/tokens`, ({ request }) => {
      const subject = request.headers.get('X-Subject-Token')
      if (request.headers.get('X-Auth-Token') !== token) return json(401, keystoneUnauthorized())
      if (subject !== token) {
        return json(404, keystoneError(404, 'Not Found', 'Could not find token.'))
      }
      return json(200, issue(['password']), { 'X-Subject-Token': token })
    }),
    http.get(authUrl, () => json(200, identityVersionDocument(authUrl))),
  ]
  for (const [type, range] of Object.entries(options.versions ?? {})) {
    const url = endpoints[type]
    if (!url) continue
    handlers.push(
      http.get(url, () => json(200, versionDocument(url, range))),
      http.get(`${url}/`, () => json(200, versionDocument(url, range))),
    )
    const root = new URL(url).origin
    if (new URL(url).pathname !== '/') {
      handlers.push(http.get(`${root}/`, () => json(200, versionsDocument(url, range))))
    }
  }

  return {
    handlers,
    token,
    authUrl,
    projectId,
    userId,
    tokenRequests: () => requests,
  }
}

/** demo/secret (by name or id), the issued token, or an application credential with secret `secret`. */
function accepts(auth: AuthRequest, ids: { userId: string; token: string }) {
  const method = auth.methods[0]
  if (method === 'password') {
    const user = auth.password?.user
    const known = user?.id === ids.userId || user?.name === mockCredentials.username
    return Boolean(known && auth.password?.password === mockCredentials.password)
  }
  if (method === 'token') return auth.token?.id === ids.token
  if (method === 'application_credential')
    return auth.applicationCredential?.secret === mockCredentials.password
  return false
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: { 'X-OpenStack-Request-Id': `req-${randomUUID()}`, ...headers },
  })
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

function withProject(url: string, projectId: string): string {
  return url.replace(/[%$]\((?:tenant_id|project_id)\)s/g, projectId)
}
