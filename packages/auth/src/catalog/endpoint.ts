import type { EndpointInterface } from '../config/types.js'
import { EndpointNotFoundError } from '../errors/errors.js'
import type { CatalogService } from '../session/types.js'
import { canonicalServiceType, serviceTypeAliases } from './service-types.js'

export interface EndpointSelection {
  serviceType: string
  interface: EndpointInterface
  region?: string | undefined
  /** Override URLs keyed by service type (any alias). */
  overrides?: Record<string, string> | undefined
  projectId?: string | undefined
}

/**
 * Finds the endpoint URL for a service: an override first, then the catalog entry whose type
 * is the service or one of its aliases (official name preferred), on the asked interface
 * (Keystone v2 style `publicURL` accepted) and region. Legacy project templating applied.
 */
export function selectEndpoint(catalog: readonly CatalogService[], selection: EndpointSelection): string {
  const aliases = serviceTypeAliases(selection.serviceType)
  const override = findOverride(selection.overrides, selection.serviceType)
  if (override) return applyProjectTemplate(override, selection.projectId)

  for (const alias of aliases) {
    for (const service of catalog) {
      if (service.type.toLowerCase() !== alias) continue
      const endpoint = service.endpoints.find(
        (e) =>
          normaliseInterface(e.interface) === selection.interface &&
          (!selection.region ||
            (e.region_id ?? e.region) === selection.region ||
            e.region === selection.region),
      )
      if (endpoint) return applyProjectTemplate(endpoint.url, selection.projectId)
    }
  }
  throw new EndpointNotFoundError({
    serviceType: selection.serviceType,
    interface: selection.interface,
    region: selection.region,
    available: catalog.map((s) => ({
      type: s.type,
      name: s.name,
      endpoints: s.endpoints.map((e) => ({
        interface: normaliseInterface(e.interface),
        region: e.region_id ?? e.region ?? '',
        url: e.url,
      })),
    })),
  })
}

function findOverride(
  overrides: Record<string, string> | undefined,
  serviceType: string,
): string | undefined {
  if (!overrides) return undefined
  const canonical = canonicalServiceType(serviceType)
  for (const [key, url] of Object.entries(overrides)) {
    if (canonicalServiceType(key) === canonical) return url
  }
  return undefined
}

/** `publicURL` / `internalURL` / `adminURL` (v2 and OS_ENDPOINT_TYPE habits) → v3 names. */
export function normaliseInterface(value: string): string {
  return value.toLowerCase().replace(/url$/, '')
}

/** Replaces `%(tenant_id)s`, `%(project_id)s`, `$(tenant_id)s`, `$(project_id)s` with the project id. */
export function applyProjectTemplate(url: string, projectId: string | undefined): string {
  if (!projectId) return url
  return url.replace(/[%$]\((?:tenant_id|project_id)\)s/g, projectId)
}
