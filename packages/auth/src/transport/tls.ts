import { readFile } from 'node:fs/promises'
import type { CloudConfig } from '../config/types.js'
import { ConfigError } from '../errors/errors.js'

export type FetchLike = typeof globalThis.fetch

/** True when the config asks for TLS settings that `globalThis.fetch` cannot take. */
export function needsCustomTls(config: Pick<CloudConfig, 'cacert' | 'cert' | 'key' | 'insecure'>): boolean {
  return Boolean(config.cacert || config.cert || config.key || config.insecure)
}

/**
 * A fetch bound to an undici Agent carrying the CA bundle, client certificate and
 * verification setting. We use undici's own fetch with its own Agent: Node's bundled fetch
 * rejects an Agent from another undici major. Keep-alive is the Agent's default.
 */
export async function createTlsFetch(
  config: Pick<CloudConfig, 'cacert' | 'cert' | 'key' | 'insecure' | 'sources'>,
): Promise<FetchLike> {
  const undici = await import('undici')
  const [ca, cert, key] = await Promise.all([
    readPem(config.cacert, 'cacert', config.sources),
    readPem(config.cert, 'cert', config.sources),
    readPem(config.key, 'key', config.sources),
  ])
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError('a client certificate needs both `cert` (OS_CERT) and `key` (OS_KEY)', {
      key: cert ? 'key' : 'cert',
    })
  }
  const agent = new undici.Agent({
    connect: {
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      rejectUnauthorized: !config.insecure,
    },
  })
  const tlsFetch = (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) =>
    undici.fetch(
      input as never,
      { ...(init as object), dispatcher: agent } as never,
    ) as unknown as Promise<Response>
  return tlsFetch as FetchLike
}

async function readPem(
  path: string | undefined,
  key: string,
  sources: Record<string, string> | undefined,
): Promise<string | undefined> {
  if (!path) return undefined
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigError(`cannot read ${key} file "${path}": ${(error as Error).message}`, {
      file: sources?.[key],
      key,
      cause: error,
    })
  }
}
