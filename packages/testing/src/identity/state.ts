/** Keystone objects as the fake stores them (wire field names; secrets kept apart from what is served). */
export interface DomainRecord {
  id: string
  name: string
  description: string
  enabled: boolean
}

export interface ProjectRecord {
  id: string
  name: string
  domain_id: string
  description: string
  enabled: boolean
  parent_id: string
  is_domain: false
  tags: string[]
}

export interface UserRecord {
  id: string
  name: string
  domain_id: string
  enabled: boolean
  default_project_id?: string | undefined
  description?: string | undefined
  email?: string | undefined
  /** Never served. */
  password: string
}

export interface RoleRecord {
  id: string
  name: string
  domain_id: null
  description?: string | undefined
}

/** A role of a user on a project or a domain. */
export interface AssignmentRecord {
  userId: string
  roleId: string
  projectId?: string | undefined
  domainId?: string | undefined
}

export interface TrustRecord {
  id: string
  trustor_user_id: string
  trustee_user_id: string
  project_id: string | null
  impersonation: boolean
  roles: { id: string; name: string }[]
  expires_at: string | null
  remaining_uses: number | null
  allow_redelegation: boolean
  redelegation_count: number
}

export interface ApplicationCredentialRecord {
  id: string
  name: string
  user_id: string
  project_id: string
  description: string | null
  roles: { id: string; name: string; domain_id: null }[]
  expires_at: string | null
  unrestricted: boolean
  /** Never served after creation. */
  secret: string
}

/** An issued token: who, scoped to what, until when. */
export interface TokenRecord {
  id: string
  userId: string
  projectId: string | undefined
  domainId: string | undefined
  roles: { id: string; name: string }[]
  methods: string[]
  issuedAt: number
  expiresAt: number
  revoked: boolean
  trustId: string | undefined
  applicationCredentialId: string | undefined
}

/** Keystone's share of the fake cloud's state. */
export interface IdentityState {
  domains: Map<string, DomainRecord>
  projects: Map<string, ProjectRecord>
  users: Map<string, UserRecord>
  roles: Map<string, RoleRecord>
  assignments: AssignmentRecord[]
  trusts: Map<string, TrustRecord>
  applicationCredentials: Map<string, ApplicationCredentialRecord>
  tokens: Map<string, TokenRecord>
}

/** An empty Keystone. */
export function emptyIdentityState(): IdentityState {
  return {
    domains: new Map(),
    projects: new Map(),
    users: new Map(),
    roles: new Map(),
    assignments: [],
    trusts: new Map(),
    applicationCredentials: new Map(),
    tokens: new Map(),
  }
}

/** The roles a user holds on a project (or a domain). */
export function rolesOf(
  state: IdentityState,
  userId: string,
  scope: { projectId?: string; domainId?: string },
) {
  return state.assignments
    .filter(
      (a) =>
        a.userId === userId &&
        (scope.projectId ? a.projectId === scope.projectId : a.domainId === scope.domainId && !a.projectId),
    )
    .map((a) => state.roles.get(a.roleId))
    .filter((r): r is RoleRecord => r !== undefined)
    .map((r) => ({ id: r.id, name: r.name }))
}

/** Keystone's default role implications (bootstrap creates them): admin → member → reader. */
const IMPLIES: Record<string, string[]> = { admin: ['member'], member: ['reader'] }

/** `roles` plus every role they imply, as Keystone puts them in a token (trust-scoped ones too). */
export function withImpliedRoles(state: IdentityState, roles: { id: string; name: string }[]) {
  const out = [...roles]
  for (let i = 0; i < out.length; i++) {
    for (const name of IMPLIES[out[i]?.name ?? ''] ?? []) {
      const role = [...state.roles.values()].find((r) => r.name === name)
      if (role && !out.some((r) => r.id === role.id)) out.push({ id: role.id, name: role.name })
    }
  }
  return out
}
