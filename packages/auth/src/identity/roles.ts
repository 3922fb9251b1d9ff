import { paginate } from '../pagination/paginate.js'
import type { Session } from '../session/types.js'

export interface Role {
  id: string
  name: string
  domainId: string | undefined
}

interface RawRole {
  id: string
  name: string
  domain_id?: string | null
}

const toRole = (r: RawRole): Role => ({ id: r.id, name: r.name, domainId: r.domain_id ?? undefined })

/** Lists roles, optionally filtered by name. */
export async function listRoles(session: Session, filter: { name?: string } = {}): Promise<Role[]> {
  const roles: Role[] = []
  for await (const r of paginate<RawRole>(session, 'identity', '/roles', {
    itemsKey: 'roles',
    query: { name: filter.name },
  })) {
    roles.push(toRole(r))
  }
  return roles
}

/**
 * The roles a user holds directly on a project. Keystone's default policy makes this an admin
 * call, even for your own roles: to learn the caller's roles (what a trust delegates), read the
 * session token's roles instead.
 */
export async function listUserProjectRoles(
  session: Session,
  userId: string,
  projectId: string,
): Promise<Role[]> {
  const { body } = await session.request<{ roles: RawRole[] }>(
    'identity',
    'GET',
    `/projects/${encodeURIComponent(projectId)}/users/${encodeURIComponent(userId)}/roles`,
  )
  return body.roles.map(toRole)
}
