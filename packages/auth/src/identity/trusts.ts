import type { Session } from '../session/types.js'

export interface Trust {
  id: string
  trustorUserId: string
  trusteeUserId: string
  projectId: string | undefined
  impersonation: boolean
  roles: string[]
  redelegationCount: number
  expiresAt: Date | undefined
}

interface RawTrust {
  id: string
  trustor_user_id: string
  trustee_user_id: string
  project_id?: string | null
  impersonation: boolean
  roles?: { name?: string; id?: string }[]
  redelegation_count?: number | null
  expires_at?: string | null
}

function toTrust(raw: RawTrust): Trust {
  return {
    id: raw.id,
    trustorUserId: raw.trustor_user_id,
    trusteeUserId: raw.trustee_user_id,
    projectId: raw.project_id ?? undefined,
    impersonation: raw.impersonation,
    roles: (raw.roles ?? []).map((r) => r.name ?? r.id ?? ''),
    redelegationCount: raw.redelegation_count ?? 0,
    expiresAt: raw.expires_at ? new Date(raw.expires_at) : undefined,
  }
}

export interface CreateTrustInput {
  trustorUserId: string
  trusteeUserId: string
  projectId: string
  /** Role names delegated to the trustee (Magnum delegates the trustor's roles on the project). */
  roles: string[]
  /** The trustee acts as the trustor (Magnum: true). */
  impersonation: boolean
  /** How many times the trust may be re-delegated; 0 = none (Magnum's delegation depth). */
  redelegationCount?: number
  expiresAt?: Date
}

/** Creates a trust; must be called with the trustor's own (project-scoped) session. */
export async function createTrust(session: Session, input: CreateTrustInput): Promise<Trust> {
  const trust: Record<string, unknown> = {
    trustor_user_id: input.trustorUserId,
    trustee_user_id: input.trusteeUserId,
    project_id: input.projectId,
    impersonation: input.impersonation,
    roles: input.roles.map((name) => ({ name })),
  }
  const depth = input.redelegationCount ?? 0
  if (depth > 0) {
    trust.allow_redelegation = true
    trust.redelegation_count = depth
  }
  if (input.expiresAt) trust.expires_at = input.expiresAt.toISOString()
  const { body } = await session.request<{ trust: RawTrust }>('identity', 'POST', '/OS-TRUST/trusts', {
    body: { trust },
  })
  return toTrust(body.trust)
}

/** Reads a trust by id. */
export async function getTrust(session: Session, trustId: string): Promise<Trust> {
  const { body } = await session.request<{ trust: RawTrust }>(
    'identity',
    'GET',
    `/OS-TRUST/trusts/${encodeURIComponent(trustId)}`,
  )
  return toTrust(body.trust)
}

/** Deletes a trust. */
export async function deleteTrust(session: Session, trustId: string): Promise<void> {
  await session.request('identity', 'DELETE', `/OS-TRUST/trusts/${encodeURIComponent(trustId)}`, {
    responseType: 'none',
  })
}
