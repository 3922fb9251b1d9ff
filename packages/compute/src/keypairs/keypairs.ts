import { InvalidOptionError, paginate, type Session } from '@magnum-ts/auth'
import { COMPUTE, novaPath } from '../internal/nova.js'
import type {
  CreatedKeypair,
  CreateKeypairOptions,
  Keypair,
  KeypairSummary,
  ListKeypairsOptions,
} from './types.js'

/** Lists keypairs (`GET /os-keypairs`), unwrapping Nova's `{keypair: …}` items, across pages. */
export async function* listKeypairs(
  session: Session,
  options: ListKeypairsOptions = {},
): AsyncGenerator<KeypairSummary> {
  const path = await novaPath(session, '/os-keypairs')
  // Nova wraps each listed keypair: {"keypairs": [{"keypair": {...}}]}.
  for await (const item of paginate<{ keypair: KeypairSummary }>(session, COMPUTE, path, {
    itemsKey: 'keypairs',
    query: { user_id: options.userId, limit: options.limit },
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    yield item.keypair
  }
}

/** Gets a keypair by name (`GET /os-keypairs/{name}`); a missing one throws `NotFoundError`. */
export async function getKeypair(
  session: Session,
  name: string,
  options: { userId?: string; signal?: AbortSignal } = {},
): Promise<Keypair> {
  const path = await novaPath(session, `/os-keypairs/${encodeURIComponent(name)}`)
  const response = await session.request<{ keypair: Keypair }>(COMPUTE, 'GET', path, {
    query: { user_id: options.userId },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.keypair
}

/** Imports a public key as a keypair (`POST /os-keypairs`). */
export async function createKeypair(
  session: Session,
  options: CreateKeypairOptions,
): Promise<CreatedKeypair> {
  checkPublicKey(options.publicKey, options.type ?? 'ssh')
  // A .pub file ends with a newline; Nova stores the key verbatim, so send it trimmed.
  const keypair: Record<string, string> = { name: options.name, public_key: options.publicKey.trim() }
  if (options.type) keypair.type = options.type
  if (options.userId) keypair.user_id = options.userId
  const path = await novaPath(session, '/os-keypairs')
  const response = await session.request<{ keypair: CreatedKeypair }>(COMPUTE, 'POST', path, {
    body: { keypair },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.keypair
}

/** Deletes a keypair by name (`DELETE /os-keypairs/{name}`). */
export async function deleteKeypair(
  session: Session,
  name: string,
  options: { userId?: string; signal?: AbortSignal } = {},
): Promise<void> {
  const path = await novaPath(session, `/os-keypairs/${encodeURIComponent(name)}`)
  await session.request(COMPUTE, 'DELETE', path, {
    query: { user_id: options.userId },
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/**
 * Refuses public keys Nova would reject with an opaque 400, or, worse, a private key pasted
 * by mistake (which must never travel to the cloud).
 */
export function checkPublicKey(publicKey: string, type: 'ssh' | 'x509'): void {
  const key = publicKey.trim()
  if (key === '') {
    throw new InvalidOptionError(
      'publicKey',
      'is empty',
      'pass the contents of a .pub file (ssh-keygen creates one)',
    )
  }
  if (/PRIVATE KEY/.test(key)) {
    throw new InvalidOptionError(
      'publicKey',
      'looks like a private key',
      'pass the public half (the .pub file, or `ssh-keygen -y -f <private key>`)',
    )
  }
  if (type === 'ssh' && (/[\r\n]/.test(key) || !/^(ssh-|ecdsa-|sk-)\S+ \S+/.test(key))) {
    throw new InvalidOptionError(
      'publicKey',
      'is not a single-line OpenSSH public key ("ssh-ed25519 AAAA… comment")',
      'pass the contents of a .pub file, or set type: "x509" for a certificate',
    )
  }
}
