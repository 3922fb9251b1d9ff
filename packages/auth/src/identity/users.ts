import { registerSecret } from '../errors/redact.js'
import type { Session } from '../session/types.js'

export interface User {
  id: string
  name: string
  domainId: string
  enabled: boolean
  description: string | undefined
}

interface RawUser {
  id: string
  name: string
  domain_id: string
  enabled?: boolean
  description?: string
}

export function toUser(raw: RawUser): User {
  return {
    id: raw.id,
    name: raw.name,
    domainId: raw.domain_id,
    enabled: raw.enabled ?? true,
    description: raw.description,
  }
}

export interface CreateUserInput {
  name: string
  password?: string
  domainId: string
  description?: string
  enabled?: boolean
  defaultProjectId?: string
}

/** Creates a user in a domain (Magnum makes one trustee user per cluster this way). */
export async function createUser(session: Session, input: CreateUserInput): Promise<User> {
  registerSecret(input.password)
  const user: Record<string, unknown> = {
    name: input.name,
    domain_id: input.domainId,
    enabled: input.enabled ?? true,
  }
  if (input.password !== undefined) user.password = input.password
  if (input.description !== undefined) user.description = input.description
  if (input.defaultProjectId !== undefined) user.default_project_id = input.defaultProjectId
  const { body } = await session.request<{ user: RawUser }>('identity', 'POST', '/users', { body: { user } })
  return toUser(body.user)
}

/** Reads a user by id. */
export async function getUser(session: Session, userId: string): Promise<User> {
  const { body } = await session.request<{ user: RawUser }>(
    'identity',
    'GET',
    `/users/${encodeURIComponent(userId)}`,
  )
  return toUser(body.user)
}

/** Deletes a user. */
export async function deleteUser(session: Session, userId: string): Promise<void> {
  await session.request('identity', 'DELETE', `/users/${encodeURIComponent(userId)}`, {
    responseType: 'none',
  })
}
