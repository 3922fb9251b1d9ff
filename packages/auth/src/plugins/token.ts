import type { CatalogService, SessionContext } from '../session/types.js'

/** A Keystone token with what the session needs from its body. */
export interface IssuedToken {
  id: string
  expiresAt: Date
  catalog: CatalogService[]
  context: SessionContext
}

interface RawRef {
  id?: string
  name?: string
  domain?: { id?: string; name?: string }
}

interface RawToken {
  expires_at?: string
  user?: RawRef
  project?: RawRef
  domain?: RawRef
  roles?: { id?: string; name?: string }[]
  catalog?: CatalogService[]
  'OS-TRUST:trust'?: { id?: string }
}

/** Reads the `X-Subject-Token` response of `POST /v3/auth/tokens`. */
export function readIssuedToken(tokenId: string, body: unknown): IssuedToken {
  const raw = ((body as { token?: RawToken } | undefined)?.token ?? {}) as RawToken
  const expiresAt = raw.expires_at ? new Date(raw.expires_at) : new Date(Date.now() + 3600_000)
  const roles = (raw.roles ?? []).map((r) => r.name ?? r.id ?? '').filter(Boolean)
  return {
    id: tokenId,
    expiresAt,
    catalog: raw.catalog ?? [],
    context: {
      userId: raw.user?.id ?? '',
      userName: raw.user?.name,
      userDomainId: raw.user?.domain?.id,
      projectId: raw.project?.id,
      projectName: raw.project?.name,
      projectDomainId: raw.project?.domain?.id,
      domainId: raw.domain?.id,
      roles,
      isAdmin: roles.includes('admin'),
      trustId: raw['OS-TRUST:trust']?.id,
      expiresAt,
    },
  }
}
