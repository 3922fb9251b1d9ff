import { randomUUID } from 'node:crypto'
import { badRequest, notFound } from '../server/api-error.js'
import { isoSeconds } from '../server/time.js'
import type { ContainerRecord, KeyManagerState, SecretRecord } from './state.js'

/** Barbican's famous 404 wording. */
export function secretNotFound(): never {
  throw notFound('Not Found. Sorry but your secret is in another castle.')
}

const contentTypes = [
  'text/plain',
  'text/plain;charset=utf-8',
  'text/plain; charset=utf-8',
  'application/octet-stream',
  'application/pkcs8',
  'application/pkix-cert',
]

/** Stores a secret; a payload needs a content type, and base64 when it is octet-stream. */
export function createSecret(
  s: KeyManagerState,
  stamp: { now: number; projectId: string; userId: string },
  input: {
    name?: string | null
    payload?: string
    payloadContentType?: string
    payloadContentEncoding?: string
    secretType?: string
    algorithm?: string | null
    bitLength?: number | null
    mode?: string | null
    expiration?: string | null
  },
): SecretRecord {
  let payload: Buffer | undefined
  if (input.payload !== undefined) {
    if (input.payload === '')
      throw badRequest(
        "Provided object does not match schema 'Secret': If 'payload' specified, must be non empty. Invalid property: 'payload'",
      )
    if (!input.payloadContentType) {
      throw badRequest(
        "Provided object does not match schema 'Secret': If 'payload' is supplied, 'payload_content_type' must also be supplied. Invalid property: 'payload_content_type'",
      )
    }
    if (!contentTypes.includes(input.payloadContentType.toLowerCase())) {
      throw badRequest(`Invalid payload content type: ${input.payloadContentType}`)
    }
    payload =
      input.payloadContentEncoding === 'base64'
        ? Buffer.from(input.payload, 'base64')
        : Buffer.from(input.payload)
  }
  const t = isoSeconds(stamp.now)
  const secret: SecretRecord = {
    id: randomUUID(),
    name: input.name ?? null,
    secret_type: input.secretType ?? 'opaque',
    algorithm: input.algorithm ?? null,
    bit_length: input.bitLength ?? null,
    mode: input.mode ?? null,
    expiration: input.expiration ?? null,
    status: 'ACTIVE',
    created: t,
    updated: t,
    creator_id: stamp.userId,
    project_id: stamp.projectId,
    content_types: payload ? { default: contentTypeOf(input.payloadContentType ?? 'text/plain') } : null,
    payload,
  }
  s.secrets.set(secret.id, secret)
  return secret
}

function contentTypeOf(type: string): string {
  return type.toLowerCase().startsWith('text/plain') ? 'text/plain' : type
}

/** Creates a container of named secret references (all must exist). */
export function createContainer(
  s: KeyManagerState,
  stamp: { now: number; projectId: string; userId: string },
  input: { name?: string | null; type: string; secrets: { name: string; secretId: string }[] },
): ContainerRecord {
  if (!['generic', 'rsa', 'certificate'].includes(input.type)) {
    throw badRequest(
      `Provided object does not match schema 'Container': '${input.type}' is not one of ['generic', 'rsa', 'certificate']`,
    )
  }
  for (const ref of input.secrets) {
    const secret = s.secrets.get(ref.secretId)
    if (!secret || secret.project_id !== stamp.projectId)
      throw notFound(`Secret provided for '${ref.name}' doesn't exist.`)
  }
  const t = isoSeconds(stamp.now)
  const container: ContainerRecord = {
    id: randomUUID(),
    name: input.name ?? null,
    type: input.type as ContainerRecord['type'],
    status: 'ACTIVE',
    created: t,
    updated: t,
    creator_id: stamp.userId,
    project_id: stamp.projectId,
    secrets: input.secrets,
  }
  s.containers.set(container.id, container)
  return container
}
