/** A user reference in a Keystone auth request: by id, or by name within a domain. */
export interface UserRef {
  id?: string | undefined
  name?: string | undefined
  domainId?: string | undefined
  domainName?: string | undefined
}

/** A project or domain reference in a scope. */
export interface ScopeRef {
  id?: string | undefined
  name?: string | undefined
  domainId?: string | undefined
  domainName?: string | undefined
}

/** A `POST /v3/auth/tokens` body, read into the parts the fake acts on. */
export interface AuthRequest {
  methods: string[]
  password?: { user: UserRef; password: string } | undefined
  token?: { id: string } | undefined
  applicationCredential?:
    | { id?: string | undefined; name?: string | undefined; secret: string; user?: UserRef | undefined }
    | undefined
  scope?:
    | { project?: ScopeRef | undefined; domain?: ScopeRef | undefined; trustId?: string | undefined }
    | 'unscoped'
    | undefined
}

/** Reads a Keystone v3 auth request body; undefined when it is not one (Keystone answers 400). */
export function parseAuthRequest(body: unknown): AuthRequest | undefined {
  const auth = obj(obj(body)?.auth)
  const identity = obj(auth?.identity)
  const methods = identity?.methods
  if (!auth || !identity || !Array.isArray(methods) || !methods.every((m) => typeof m === 'string')) {
    return undefined
  }
  const request: AuthRequest = { methods: methods as string[] }
  const password = obj(identity.password)
  const pwUser = obj(password?.user)
  if (pwUser) request.password = { user: userRef(pwUser), password: str(pwUser.password) ?? '' }
  const token = obj(identity.token)
  if (token) request.token = { id: str(token.id) ?? '' }
  const appCred = obj(identity.application_credential)
  if (appCred) {
    const user = obj(appCred.user)
    request.applicationCredential = {
      id: str(appCred.id),
      name: str(appCred.name),
      secret: str(appCred.secret) ?? '',
      user: user ? userRef(user) : undefined,
    }
  }
  if (auth.scope === 'unscoped') request.scope = 'unscoped'
  else {
    const scope = obj(auth.scope)
    if (scope) {
      const project = obj(scope.project)
      const domain = obj(scope.domain)
      request.scope = {
        project: project ? scopeRef(project) : undefined,
        domain: domain ? scopeRef(domain) : undefined,
        trustId: str(obj(scope['OS-TRUST:trust'])?.id),
      }
    }
  }
  return request
}

function userRef(o: Record<string, unknown>): UserRef {
  const domain = obj(o.domain)
  return { id: str(o.id), name: str(o.name), domainId: str(domain?.id), domainName: str(domain?.name) }
}

function scopeRef(o: Record<string, unknown>): ScopeRef {
  const domain = obj(o.domain)
  return { id: str(o.id), name: str(o.name), domainId: str(domain?.id), domainName: str(domain?.name) }
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}
