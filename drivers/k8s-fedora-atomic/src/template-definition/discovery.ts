import { InvalidParameterValueError } from '@magnum-ts/core'

/** Fetches a URL and returns its body as text; injected so tests and air-gapped clouds choose. */
export type DiscoveryFetcher = (url: string, signal?: AbortSignal) => Promise<string>

/** The discovery service answered with nothing usable (Magnum's `InvalidDiscoveryURL`, 400). */
export class InvalidDiscoveryUrlError extends InvalidParameterValueError {
  constructor(url: string, detail: string) {
    super(
      {
        field: 'discovery_url',
        message: `Received invalid discovery URL from ${url}: ${detail}`,
        fix: 'check the etcd discovery endpoint (etcdDiscoveryUrl) is reachable, or give the cluster a discovery_url',
      },
      'INVALID_DISCOVERY_URL',
    )
  }
}

/** A given discovery URL was made for another cluster size (Magnum's `InvalidClusterSize`, 400). */
export class InvalidClusterSizeError extends InvalidParameterValueError {
  constructor(expected: number, actual: string) {
    super(
      {
        field: 'discovery_url',
        message: `Expected cluster size (${expected}) doesn't match cluster size provided in discovery_url (${actual})`,
        fix: `create a discovery URL with size=${expected}, or leave discovery_url unset so one is created`,
      },
      'INVALID_CLUSTER_SIZE',
    )
  }
}

/** The default fetcher: a plain GET with the platform's fetch (the discovery service is not OpenStack). */
export const fetchDiscovery: DiscoveryFetcher = async (url, signal) => {
  const res = await fetch(url, signal ? { signal } : {})
  const text = await res.text()
  if (!res.ok) throw new InvalidDiscoveryUrlError(url, `HTTP ${res.status}`)
  return text
}

/**
 * The etcd discovery URL for `masters` masters. A cluster's own URL is checked against its size
 * (`<url>/_config/size`); otherwise one is requested from `endpointFormat` with `%(size)d` set
 * to the count. A single master needs none: etcd starts as a one-member cluster (`''`).
 */
export async function discoveryUrl(
  given: string | undefined,
  masters: number,
  endpointFormat: string,
  fetcher: DiscoveryFetcher,
  signal?: AbortSignal,
): Promise<string> {
  if (given) {
    if (masters > 1) await checkDiscoverySize(given, masters, fetcher, signal)
    return given
  }
  if (masters <= 1) return ''
  const url = endpointFormat.replace('%(size)d', String(masters))
  const body = (await fetcher(url, signal)).trim()
  if (!body) throw new InvalidDiscoveryUrlError(url, 'empty response')
  return body
}

async function checkDiscoverySize(
  url: string,
  expected: number,
  fetcher: DiscoveryFetcher,
  signal: AbortSignal | undefined,
): Promise<void> {
  const sizeUrl = `${url.replace(/\/+$/, '')}/_config/size`
  let value: unknown
  try {
    value = (JSON.parse(await fetcher(sizeUrl, signal)) as { node?: { value?: unknown } }).node?.value
  } catch (error) {
    if (error instanceof InvalidParameterValueError) throw error
    throw new InvalidDiscoveryUrlError(sizeUrl, 'the size record is not JSON')
  }
  if (Number(value) !== expected) throw new InvalidClusterSizeError(expected, String(value))
}
