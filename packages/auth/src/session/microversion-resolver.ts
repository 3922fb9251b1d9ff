import { canonicalServiceType } from '../catalog/service-types.js'
import { negotiateMicroversion, usesMicroversions } from '../discovery/microversion.js'
import { readVersionRange, unversionedRoot, versionIdOf } from '../discovery/version-document.js'
import { baseHeaders, readBody } from './body.js'
import { type ExchangeDeps, exchange } from './http-exchange.js'

/**
 * Decides the microversion sent to each service: a pin (`apiVersions`) wins; `latest` asks
 * for the server's maximum; otherwise min(client max, server max) from one version-document
 * read per service, shared by concurrent callers. Discovery failure means no header.
 */
export function createMicroversionResolver(args: {
  pins: Record<string, string> | undefined
  clientMaximums: Record<string, string>
  deps: ExchangeDeps
  userAgent: string
  /** The endpoint and a valid token for a service. */
  locate: (service: string) => Promise<{ endpoint: string; token: string }>
}) {
  const cache = new Map<string, Promise<string | undefined>>()

  async function documentAt(service: string, url: string, token: string): Promise<unknown> {
    const response = await exchange(args.deps, {
      service,
      method: 'GET',
      url,
      headers: { ...baseHeaders(args.userAgent, false), 'X-Auth-Token': token },
      body: undefined,
      signal: undefined,
      timeoutMs: undefined,
      idempotent: undefined,
    })
    // Version documents are served with 200 or, at some roots, 300 Multiple Choices.
    return response.status < 400 || response.status === 300 ? readBody(response, 'json') : undefined
  }

  async function discover(service: string, serverMaximum: boolean): Promise<string | undefined> {
    try {
      const { endpoint, token } = await args.locate(service)
      const wanted = versionIdOf(endpoint)
      let range = readVersionRange(await documentAt(service, endpoint, token), wanted)
      if (!range?.maxVersion)
        range = readVersionRange(await documentAt(service, unversionedRoot(endpoint), token), wanted)
      if (serverMaximum) return range?.maxVersion
      return negotiateMicroversion({
        clientMax: args.clientMaximums[service],
        serverMin: range?.minVersion,
        serverMax: range?.maxVersion,
      })
    } catch {
      // As openstacksdk: when discovery fails, send no microversion and let the service default.
      return undefined
    }
  }

  return {
    async resolve(service: string): Promise<string | undefined> {
      const canonical = canonicalServiceType(service)
      const pinned = Object.entries(args.pins ?? {}).find(([k]) => canonicalServiceType(k) === canonical)?.[1]
      if (pinned && pinned !== 'latest') return pinned
      if (!usesMicroversions(canonical)) return undefined
      let found = cache.get(canonical)
      if (!found) {
        found = discover(canonical, pinned === 'latest')
        cache.set(canonical, found)
      }
      return found
    },
    clear() {
      cache.clear()
    },
  }
}
