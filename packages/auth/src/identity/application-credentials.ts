import { registerSecret } from '../errors/redact.js'
import type { Session } from '../session/types.js'

export interface ApplicationCredential {
  id: string
  name: string
  projectId: string
  roles: string[]
  unrestricted: boolean
  expiresAt: Date | undefined
  /** Only present in the create response: Keystone never shows it again. */
  secret: string | undefined
}

interface RawApplicationCredential {
  id: string
  name: string
  project_id: string
  roles?: { name?: string; id?: string }[]
  unrestricted?: boolean
  expires_at?: string | null
  secret?: string
}

function toApplicationCredential(raw: RawApplicationCredential): ApplicationCredential {
  registerSecret(raw.secret)
  return {
    id: raw.id,
    name: raw.name,
    projectId: raw.project_id,
    roles: (raw.roles ?? []).map((r) => r.name ?? r.id ?? ''),
    unrestricted: raw.unrestricted ?? false,
    expiresAt: raw.expires_at ? new Date(raw.expires_at) : undefined,
    secret: raw.secret,
  }
}

export interface CreateApplicationCredentialInput {
  name: string
  /** Chosen by Keystone when omitted. */
  secret?: string
  description?: string
  /** Role names (default: all the creator's roles on the project). */
  roles?: string[]
  expiresAt?: Date
  /** Lets the credential create further credentials and trusts: leave false unless you must. */
  unrestricted?: boolean
}

/** Creates an application credential for a user (with a session scoped as that user). */
export async function createApplicationCredential(
  session: Session,
  userId: string,
  input: CreateApplicationCredentialInput,
): Promise<ApplicationCredential> {
  registerSecret(input.secret)
  const credential: Record<string, unknown> = { name: input.name }
  if (input.secret !== undefined) credential.secret = input.secret
  if (input.description !== undefined) credential.description = input.description
  if (input.roles) credential.roles = input.roles.map((name) => ({ name }))
  if (input.expiresAt) credential.expires_at = input.expiresAt.toISOString()
  if (input.unrestricted !== undefined) credential.unrestricted = input.unrestricted
  const { body } = await session.request<{ application_credential: RawApplicationCredential }>(
    'identity',
    'POST',
    `/users/${encodeURIComponent(userId)}/application_credentials`,
    { body: { application_credential: credential } },
  )
  return toApplicationCredential(body.application_credential)
}

/** Deletes an application credential. */
export async function deleteApplicationCredential(
  session: Session,
  userId: string,
  credentialId: string,
): Promise<void> {
  await session.request(
    'identity',
    'DELETE',
    `/users/${encodeURIComponent(userId)}/application_credentials/${encodeURIComponent(credentialId)}`,
    { responseType: 'none' },
  )
}
