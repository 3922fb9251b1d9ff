import { canonicalServiceType } from '../catalog/service-types.js'

/** Highest microversion each of our clients is written against (a session option can lower or raise it). */
export const defaultClientMicroversions: Readonly<Record<string, string>> = {
  compute: '2.90',
  'block-storage': '3.71',
  'container-infra': '1.14',
  placement: '1.39',
}

/** The name a service expects in `OpenStack-API-Version: <name> <version>`. */
const HEADER_SERVICE_NAME: Readonly<Record<string, string>> = {
  compute: 'compute',
  'block-storage': 'volume',
  'container-infra': 'container-infra',
  placement: 'placement',
}

/** Legacy per-service headers still read by older deployments. */
const LEGACY_HEADER: Readonly<Record<string, string>> = {
  compute: 'X-OpenStack-Nova-API-Version',
  'block-storage': 'X-OpenStack-Volume-API-Version',
}

/** True for services that negotiate microversions (others get no header at all). */
export function usesMicroversions(serviceType: string): boolean {
  return canonicalServiceType(serviceType) in HEADER_SERVICE_NAME
}

/** Headers that request `version` from a service; empty for services without microversions. */
export function microversionHeaders(serviceType: string, version: string): Record<string, string> {
  const canonical = canonicalServiceType(serviceType)
  const name = HEADER_SERVICE_NAME[canonical]
  if (!name) return {}
  const headers: Record<string, string> = { 'OpenStack-API-Version': `${name} ${version}` }
  const legacy = LEGACY_HEADER[canonical]
  if (legacy) headers[legacy] = version
  return headers
}

/** Parses "2.60" into [2, 60]; throws on anything else. */
export function parseMicroversion(value: string): [number, number] {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim())
  if (!match) throw new TypeError(`"${value}" is not a microversion (expected MAJOR.MINOR, e.g. 2.60)`)
  return [Number(match[1]), Number(match[2])]
}

/** Compares microversions numerically (2.10 > 2.9). */
export function compareMicroversions(a: string, b: string): number {
  const [am, an] = parseMicroversion(a)
  const [bm, bn] = parseMicroversion(b)
  return am === bm ? an - bn : am - bm
}

/**
 * openstacksdk's rule: a user pin wins; otherwise min(client max, server max); nothing when
 * the server's range is unknown or does not reach our client max.
 */
export function negotiateMicroversion(args: {
  pinned?: string | undefined
  clientMax?: string | undefined
  serverMin?: string | undefined
  serverMax?: string | undefined
}): string | undefined {
  if (args.pinned) return args.pinned
  if (!args.clientMax || !args.serverMax) return undefined
  if (args.serverMin && compareMicroversions(args.clientMax, args.serverMin) < 0) return undefined
  return compareMicroversions(args.clientMax, args.serverMax) <= 0 ? args.clientMax : args.serverMax
}
