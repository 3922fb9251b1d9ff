import { randomUUID } from 'node:crypto'

/** Names and ids of one Keystone object (user, project, domain, role). */
export interface NamedRef {
  id: string
  name: string
}

/** One endpoint of one service in the catalog the fake serves. */
export interface CatalogEndpointSpec {
  interface: 'public' | 'internal' | 'admin'
  region: string
  url: string
}

/** One service of the catalog the fake serves. */
export interface CatalogServiceSpec {
  type: string
  name: string
  id: string
  endpoints: CatalogEndpointSpec[]
}

/** What goes into a Keystone v3 token body. */
export interface TokenBodyInput {
  methods: string[]
  user: NamedRef & { domain: NamedRef }
  project?: (NamedRef & { domain: NamedRef }) | undefined
  roles: NamedRef[]
  catalog: CatalogServiceSpec[]
  issuedAt: Date
  expiresAt: Date
  trust?: { id: string; trusteeUserId: string; trustorUserId: string; impersonation: boolean } | undefined
  applicationCredential?: { id: string; name: string; restricted: boolean } | undefined
}

/** Keystone's timestamp format: ISO 8601 with microseconds (`2026-01-01T00:00:00.000000Z`). */
export function keystoneTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

/** The `{ token: … }` body Keystone returns from `POST /v3/auth/tokens` and `GET /v3/auth/tokens`. */
export function tokenBody(input: TokenBodyInput): { token: Record<string, unknown> } {
  const token: Record<string, unknown> = {
    methods: input.methods,
    user: { id: input.user.id, name: input.user.name, domain: input.user.domain, password_expires_at: null },
    audit_ids: [randomUUID().replace(/-/g, '').slice(0, 22)],
    expires_at: keystoneTime(input.expiresAt),
    issued_at: keystoneTime(input.issuedAt),
  }
  if (input.project) {
    token.project = { id: input.project.id, name: input.project.name, domain: input.project.domain }
    token.is_domain = false
    token.roles = input.roles.map((r) => ({ id: r.id, name: r.name }))
    token.catalog = input.catalog.map((s) => ({
      type: s.type,
      id: s.id,
      name: s.name,
      endpoints: s.endpoints.map((e, i) => ({
        id: `${s.id}-${e.interface}-${i}`,
        interface: e.interface,
        region: e.region,
        region_id: e.region,
        url: e.url,
      })),
    }))
  }
  if (input.trust) {
    token['OS-TRUST:trust'] = {
      id: input.trust.id,
      impersonation: input.trust.impersonation,
      trustee_user: { id: input.trust.trusteeUserId },
      trustor_user: { id: input.trust.trustorUserId },
    }
  }
  if (input.applicationCredential) {
    token.application_credential = {
      id: input.applicationCredential.id,
      name: input.applicationCredential.name,
      restricted: input.applicationCredential.restricted,
    }
  }
  return { token }
}

/** Keystone's error envelope: `{ error: { code, title, message } }`. */
export function keystoneError(code: number, title: string, message: string): Record<string, unknown> {
  return { error: { code, title, message } }
}

/** Keystone's 401 for any failed authentication (it never says which part was wrong). */
export function keystoneUnauthorized(): Record<string, unknown> {
  return keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.')
}
