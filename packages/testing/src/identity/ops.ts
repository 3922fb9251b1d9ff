import { randomBytes } from 'node:crypto'
import { conflict } from '../server/api-error.js'
import { keystoneId } from './ids.js'
import type {
  ApplicationCredentialRecord,
  DomainRecord,
  IdentityState,
  ProjectRecord,
  RoleRecord,
  TrustRecord,
  UserRecord,
} from './state.js'

/** Creates a domain (409 on a duplicate name). */
export function createDomain(s: IdentityState, input: { name: string; id?: string; description?: string }) {
  if ([...s.domains.values()].some((d) => d.name === input.name)) {
    throw conflict(
      `Conflict occurred attempting to store domain - Duplicate entry found with name ${input.name}.`,
    )
  }
  const domain: DomainRecord = {
    id: input.id ?? keystoneId(),
    name: input.name,
    description: input.description ?? '',
    enabled: true,
  }
  s.domains.set(domain.id, domain)
  return domain
}

/** Creates a project in a domain (409 on a duplicate name there). */
export function createProject(
  s: IdentityState,
  input: { name: string; domainId: string; id?: string; description?: string },
) {
  if ([...s.projects.values()].some((p) => p.name === input.name && p.domain_id === input.domainId)) {
    throw conflict(
      `Conflict occurred attempting to store project - Duplicate entry found with name ${input.name}.`,
    )
  }
  const project: ProjectRecord = {
    id: input.id ?? keystoneId(),
    name: input.name,
    domain_id: input.domainId,
    description: input.description ?? '',
    enabled: true,
    parent_id: input.domainId,
    is_domain: false,
    tags: [],
  }
  s.projects.set(project.id, project)
  return project
}

/** Creates a user in a domain (409 on a duplicate name there). */
export function createUser(
  s: IdentityState,
  input: {
    name: string
    domainId: string
    password: string
    id?: string
    defaultProjectId?: string
    description?: string
  },
) {
  if ([...s.users.values()].some((u) => u.name === input.name && u.domain_id === input.domainId)) {
    throw conflict(
      `Conflict occurred attempting to store user - Duplicate entry found with name ${input.name}.`,
    )
  }
  const user: UserRecord = {
    id: input.id ?? keystoneId(),
    name: input.name,
    domain_id: input.domainId,
    enabled: true,
    default_project_id: input.defaultProjectId,
    description: input.description,
    password: input.password,
  }
  s.users.set(user.id, user)
  return user
}

/** The role named `name`, created when missing. */
export function ensureRole(s: IdentityState, name: string, id?: string): RoleRecord {
  const existing = [...s.roles.values()].find((r) => r.name === name)
  if (existing) return existing
  const role: RoleRecord = { id: id ?? keystoneId(), name, domain_id: null }
  s.roles.set(role.id, role)
  return role
}

/** Grants a role on a project or domain (idempotent, as Keystone's PUT). */
export function grantRole(
  s: IdentityState,
  input: { userId: string; roleId: string; projectId?: string; domainId?: string },
) {
  const exists = s.assignments.some(
    (a) =>
      a.userId === input.userId &&
      a.roleId === input.roleId &&
      a.projectId === input.projectId &&
      a.domainId === input.domainId,
  )
  if (!exists) s.assignments.push({ ...input })
}

/** Deletes a user with their assignments, trusts and application credentials. */
export function deleteUser(s: IdentityState, userId: string) {
  s.users.delete(userId)
  s.assignments = s.assignments.filter((a) => a.userId !== userId)
  for (const [id, t] of s.trusts)
    if (t.trustee_user_id === userId || t.trustor_user_id === userId) s.trusts.delete(id)
  for (const [id, c] of s.applicationCredentials)
    if (c.user_id === userId) s.applicationCredentials.delete(id)
}

/** Creates a trust from trustor to trustee on a project with the named roles. */
export function createTrust(s: IdentityState, input: Omit<TrustRecord, 'id' | 'redelegation_count'>) {
  const trust: TrustRecord = { ...input, id: keystoneId(), redelegation_count: 0 }
  s.trusts.set(trust.id, trust)
  return trust
}

/** Creates an application credential; the secret is generated when not given. */
export function createApplicationCredential(
  s: IdentityState,
  input: Omit<ApplicationCredentialRecord, 'id' | 'secret'> & { secret?: string | undefined },
) {
  if (
    [...s.applicationCredentials.values()].some((c) => c.user_id === input.user_id && c.name === input.name)
  ) {
    throw conflict(
      `Conflict occurred attempting to store application_credential - Duplicate name, ${input.name}.`,
    )
  }
  const cred: ApplicationCredentialRecord = {
    ...input,
    id: keystoneId(),
    secret: input.secret ?? randomBytes(48).toString('base64url'),
  }
  s.applicationCredentials.set(cred.id, cred)
  return cred
}
