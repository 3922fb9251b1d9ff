import {
  type CatalogService,
  type CloudConfig,
  createSession,
  type Session,
  type SessionOptions,
  selectEndpoint,
} from '@magnum-ts/auth'
import type { ResourceTemplate } from '@magnum-ts/core'
import { createFakeCloud, type FakeCloudOptions, json, type ServiceModule } from '@magnum-ts/testing'

// The fake cloud has no Heat yet: these catalog-only modules give it the orchestration and
// cloudformation entries a real Magnum cloud has, so the doctor's clean run is a real one.
function catalogOnly(type: string, name: string, prefix: string): ServiceModule {
  return {
    type,
    name,
    prefix,
    routes: [],
    errorReply: (error) => json(error.status, { error: { message: error.message } }),
  }
}

/** A fake cloud (default world unless told) with Heat's two catalog entries. */
export function heatCloud(options: FakeCloudOptions = {}) {
  return createFakeCloud({
    ...options,
    services: [
      catalogOnly('orchestration', 'heat', '/heat-api/v1/{project_id}'),
      catalogOnly('cloudformation', 'heat-cfn', '/heat-api-cfn/v1'),
      ...(options.services ?? []),
    ],
  })
}

/**
 * The same session with an edited catalog, for worlds the fake cannot host: a service only on
 * the internal interface, or none at all. Requests still go to the real fake.
 */
export function withCatalog(
  session: Session,
  edit: (catalog: CatalogService[]) => CatalogService[],
): Session {
  const catalog = async () => edit(structuredClone(await session.catalog()))
  return {
    request: (service, method, path, options) => session.request(service, method, path, options),
    endpoint: async (service, query = {}) =>
      selectEndpoint(await catalog(), {
        serviceType: service,
        interface: query.interface ?? session.config.interface ?? 'public',
        region: query.region ?? session.config.regionName,
        projectId: (await session.context()).projectId,
      }),
    context: () => session.context(),
    token: () => session.token(),
    catalog,
    microversion: (service) => session.microversion(service),
    invalidate: () => session.invalidate(),
    config: session.config,
  }
}

/** Drops a service type from the catalog. */
export const without =
  (...types: string[]) =>
  (catalog: CatalogService[]) =>
    catalog.filter((s) => !types.includes(s.type))

/** A session on `cloud` whose fetch counts requests in flight (the most at once in `peak`). */
export function countingSession(
  cloud: { cloudConfig(): CloudConfig; fetch: typeof globalThis.fetch },
  options: SessionOptions = {},
) {
  const stats = { inFlight: 0, peak: 0, paths: [] as string[] }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    stats.inFlight++
    stats.peak = Math.max(stats.peak, stats.inFlight)
    stats.paths.push(new Request(input, init).url)
    try {
      return await cloud.fetch(input, init)
    } finally {
      stats.inFlight--
    }
  }
  return { session: createSession(cloud.cloudConfig(), { ...options, fetch }), stats }
}

/** A kubernetes template over the default world's resources. */
export function template(overrides: Partial<ResourceTemplate> = {}): ResourceTemplate {
  return {
    imageId: 'fedora-atomic-latest',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    externalNetworkId: 'public',
    labels: {},
    masterLbEnabled: false,
    ...overrides,
  }
}
