/** A service's supported microversion range as read from its version document. */
export interface VersionRange {
  id: string | undefined
  status: string | undefined
  minVersion: string | undefined
  maxVersion: string | undefined
}

interface RawVersion {
  id?: string
  status?: string
  min_version?: string
  version?: string
  max_version?: string
  links?: { href?: string; rel?: string }[]
}

/**
 * Reads the three shapes OpenStack services answer version discovery with:
 *  { "version": {...} }                 (Nova /v2.1, Cinder /v3)
 *  { "versions": [ {...}, ... ] }        (service roots: Nova /, Magnum /, Heat /)
 *  { "versions": { "values": [...] } }   (Keystone)
 * For a list, the entry whose id matches `wantedId` (e.g. "v2.1"), else the CURRENT one.
 */
export function readVersionRange(document: unknown, wantedId?: string): VersionRange | undefined {
  if (!document || typeof document !== 'object') return undefined
  const doc = document as Record<string, unknown>
  let candidates: RawVersion[] = []
  if (doc.version && typeof doc.version === 'object') candidates = [doc.version as RawVersion]
  else if (Array.isArray(doc.versions)) candidates = doc.versions as RawVersion[]
  else if (doc.versions && typeof doc.versions === 'object') {
    const values = (doc.versions as { values?: unknown }).values
    if (Array.isArray(values)) candidates = values as RawVersion[]
  }
  if (candidates.length === 0) return undefined
  const chosen =
    (wantedId && candidates.find((c) => c.id === wantedId)) ||
    candidates.find((c) => c.status?.toUpperCase() === 'CURRENT') ||
    candidates[candidates.length - 1]
  if (!chosen) return undefined
  const max = chosen.max_version || chosen.version || undefined
  return {
    id: chosen.id,
    status: chosen.status,
    minVersion: chosen.min_version || undefined,
    maxVersion: max && /^\d+\.\d+$/.test(max) ? max : undefined,
  }
}

/** "http://h:8774/v2.1/abc" → "v2.1": the version segment of a versioned endpoint, if any. */
export function versionIdOf(endpoint: string): string | undefined {
  const match = /\/(v\d+(?:\.\d+)?)(?:\/|$)/.exec(new URL(endpoint).pathname)
  return match?.[1]
}

/** The endpoint cut just before its version segment: where the list of versions lives. */
export function unversionedRoot(endpoint: string): string {
  const url = new URL(endpoint)
  const idx = url.pathname.search(/\/v\d+(?:\.\d+)?(?:\/|$)/)
  url.pathname = idx >= 0 ? url.pathname.slice(0, idx) || '/' : url.pathname
  url.search = ''
  return url.toString()
}
