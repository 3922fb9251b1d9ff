import { ApiError } from './api-error.js'

/** A microversion as [major, minor]. */
export type Version = [number, number]

/** `2.60` → [2, 60]. */
export function parseVersion(text: string): Version | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim())
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

/** a >= b. */
export function atLeast(a: Version, b: string): boolean {
  const v = parseVersion(b)!
  return a[0] > v[0] || (a[0] === v[0] && a[1] >= v[1])
}

/**
 * The microversion a request asks for: `OpenStack-API-Version: <service> X.Y` (or the legacy
 * header), `latest` = max, none = min; 406 outside [min, max] as the services answer.
 */
export function requestedVersion(
  headers: Headers,
  options: { serviceKey: string; legacyHeader?: string; min: string; max: string },
): Version {
  let text: string | undefined
  const modern = headers.get('openstack-api-version')
  if (modern) {
    for (const part of modern.split(',')) {
      const [service, value] = part.trim().split(/\s+/)
      if (service?.toLowerCase() === options.serviceKey && value) text = value
    }
  }
  if (!text && options.legacyHeader) text = headers.get(options.legacyHeader) ?? undefined
  if (!text) return parseVersion(options.min)!
  if (text === 'latest') return parseVersion(options.max)!
  const version = parseVersion(text)
  const min = parseVersion(options.min)!
  const max = parseVersion(options.max)!
  if (!version || !atLeast(version, options.min) || !atLeast(max, text)) {
    throw new ApiError(
      406,
      `Version ${text} is not supported by the API. Minimum is ${min.join('.')} and maximum is ${max.join('.')}.`,
    )
  }
  return version
}
