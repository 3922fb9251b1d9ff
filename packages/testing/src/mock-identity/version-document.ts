/** A microversion range a service advertises, e.g. `{ min: '2.1', max: '2.90' }` for Nova. */
export interface MicroversionRange {
  min: string
  max: string
}

/**
 * The single-version document a service returns at its versioned endpoint
 * (`GET http://nova/v2.1` → `{ version: { id: 'v2.1', min_version, version, … } }`).
 */
export function versionDocument(endpointUrl: string, range: MicroversionRange): Record<string, unknown> {
  return { version: versionEntry(endpointUrl, range) }
}

/** The multi-version document a service returns at its root (`GET http://nova/` → `{ versions: [...] }`). */
export function versionsDocument(endpointUrl: string, range: MicroversionRange): Record<string, unknown> {
  return { versions: [versionEntry(endpointUrl, range)] }
}

function versionEntry(endpointUrl: string, range: MicroversionRange): Record<string, unknown> {
  const href = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`
  return {
    id: versionIdOf(endpointUrl),
    status: 'CURRENT',
    min_version: range.min,
    version: range.max,
    // Some services (Ironic, Magnum) spell the maximum this way: serve both so any reader works.
    max_version: range.max,
    updated: '2025-01-01T00:00:00Z',
    links: [{ rel: 'self', href }],
  }
}

/** The `vX[.Y]` segment of an endpoint path (`/v2.1/abc` → `v2.1`), `v1` when there is none. */
export function versionIdOf(endpointUrl: string): string {
  const segments = new URL(endpointUrl).pathname.split('/').filter(Boolean)
  const found = [...segments].reverse().find((s) => /^v\d+(\.\d+)?$/.test(s))
  return found ?? 'v1'
}

/** Keystone's own version document at `/v3`: a stable API version, no microversions. */
export function identityVersionDocument(authUrl: string): Record<string, unknown> {
  return {
    version: {
      id: 'v3.14',
      status: 'stable',
      updated: '2020-04-07T00:00:00Z',
      links: [{ rel: 'self', href: authUrl.endsWith('/') ? authUrl : `${authUrl}/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  }
}
