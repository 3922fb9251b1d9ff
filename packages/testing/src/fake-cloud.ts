import { type CloudConfig, createSession, type Session, type SessionOptions } from '@magnum-ts/auth'
import type { RequestHandler } from 'msw'
import { blockStorageService } from './block-storage/service.js'
import { createClock, type FakeClock } from './clock.js'
import { computeService } from './compute/service.js'
import { identityService } from './identity/service.js'
import type { CatalogServiceSpec } from './identity/token-body.js'
import { imageService } from './image/service.js'
import { keyManagerService } from './key-manager/service.js'
import { loadBalancerService } from './load-balancer/service.js'
import { serviceNameFor } from './mock-identity/service-names.js'
import { networkService } from './network/service.js'
import { checkOptions } from './options.js'
import type { HeatSettings } from './orchestration/engine.js'
import { type HeatControl, orchestrationService } from './orchestration/service.js'
import type { CloudRuntime, CloudSettings } from './runtime.js'
import { createDispatch, type Dispatch } from './server/dispatch.js'
import { createFaults, type Faults } from './server/faults.js'
import { fakeFetch } from './server/fetch-adapter.js'
import { mswHandlers } from './server/msw-adapter.js'
import { type ListeningCloud, listenHttp } from './server/node-adapter.js'
import type { ServiceModule } from './server/service.js'
import { type CloudState, emptyCloudState } from './state.js'
import { defaultWorld } from './world/default-world.js'
import { type Baseline, findOrphans, takeBaseline } from './world/orphans.js'
import { seedWorld } from './world/seed.js'
import type { WorldSpec } from './world/types.js'

export interface FakeCloudOptions {
  /** The world to seed (replaces the default; start from `defaultWorld()` to extend it). */
  world?: WorldSpec
  /** Real milliseconds added before every answer. */
  latencyMs?: number
  /** The fake's time. Default: real time that `clock.advance(ms)` can jump forward. */
  clock?: FakeClock
  /** Origin the msw handlers answer and the catalog points at. Default `http://openstack.test`. */
  origin?: string
  /** Seconds a server, volume or load balancer stays in its building state. Default 0. */
  buildSeconds?: number
  /** Token lifetime in seconds. Default 3600. */
  tokenLifetimeSeconds?: number
  /** Extra service modules. */
  services?: ServiceModule[]
  /** The mini Heat: seconds per resource (default 1) and whether wait conditions signal themselves. */
  heat?: Partial<HeatSettings>
}

export interface FakeCloud {
  /** msw handlers for `setupServer(...cloud.handlers)`. */
  handlers: RequestHandler[]
  /** A fetch that answers from the fake without msw (pass it as `createSession(config, { fetch })`). */
  fetch: typeof globalThis.fetch
  /** Serves the fake on a real loopback HTTP server. */
  listen(options?: { port?: number; host?: string }): Promise<ListeningCloud>
  /** The live state, one slice per service (read it in assertions, or arrange a scenario). */
  state: CloudState
  faults: Faults
  clock: FakeClock
  /** `http://openstack.test` (or the origin given). */
  origin: string
  /** Keystone v3 URL on the default origin. */
  authUrl: string
  /** Back to the seeded world: state rebuilt, faults lifted (the clock keeps running). */
  reset(): void
  /** Objects created since seeding and still present, by kind. */
  orphans(): Record<string, string[]>
  /** Throws listing every leftover server, port, floating IP, volume, load balancer, trust, user, secret… */
  assertNoOrphans(): void
  /** A CloudConfig that authenticates against the fake as `demo` (or another seeded user). */
  cloudConfig(options?: { user?: string; password?: string; project?: string; origin?: string }): CloudConfig
  /**
   * A real `Session` authenticated as `demo` (or `user`), wired to `cloud.fetch` unless
   * `options.fetch` says otherwise (pass `globalThis.fetch` to go through msw).
   */
  session(options?: SessionOptions & { user?: string }): Session
  /**
   * Magnum's trustee domain admin of the seeded world (`magnum_domain_admin`, domain-scoped to
   * `magnum`) and that domain's id: what core's `createMagnum({ trustee })` takes.
   */
  trusteeAdmin(options?: SessionOptions): { adminSession: Session; domainId: string }
  /** Adds a service module at runtime (replacing the fake's own module of that type, if any). */
  addService(service: ServiceModule): void
  /** The dispatcher every adapter uses: WHATWG Request in, Response out. */
  dispatch: Dispatch
  /** The mini Heat: make named resources fail, change its timing. */
  heat: HeatControl
}

/** The fake's services and the path of each endpoint on its origin (devstack's layout). */
function defaultServices(): ServiceModule[] {
  return [
    identityService(),
    computeService(),
    imageService(),
    networkService(),
    loadBalancerService(),
    blockStorageService(),
    keyManagerService(),
  ]
}

/**
 * A stateful fake OpenStack: Keystone, Nova, Glance, Neutron, Octavia, Cinder and Barbican
 * with real URLs, status codes, headers and error envelopes, served through msw, a plain
 * `fetch`, or a loopback HTTP server.
 *
 * @example
 * const cloud = createFakeCloud()
 * const server = setupServer(...cloud.handlers)
 * const session = createSession(cloud.cloudConfig())
 */
export function createFakeCloud(options: FakeCloudOptions = {}): FakeCloud {
  checkOptions(options)
  const origin = (options.origin ?? 'http://openstack.test').replace(/\/+$/, '')
  const world = options.world ?? defaultWorld()
  const clock = options.clock ?? createClock()
  const state = emptyCloudState()
  const heat = orchestrationService(() => state, options.heat)
  // A module given for a type the fake already serves (e.g. your own orchestration) replaces it.
  const extra = options.services ?? []
  const services = [...defaultServices(), heat.service].filter((d) => !extra.some((e) => e.type === d.type))
  services.push(...extra)
  const settings: CloudSettings = {
    region: world.region ?? 'RegionOne',
    buildSeconds: options.buildSeconds ?? 0,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    endpoints: {},
  }

  const catalog = (at: string, projectId: string): CatalogServiceSpec[] =>
    services
      // A token without a project (domain-scoped) cannot fill in `{project_id}`: Keystone leaves those out.
      .filter((service) => projectId !== '' || !service.prefix.includes('{project_id}'))
      .flatMap((service) =>
        [service.type, ...(service.aliases ?? [])].map((type) => {
          const url = `${at}${(service.catalogPath ?? service.prefix).replace('{project_id}', projectId)}`
          return {
            type,
            name: type === service.type ? service.name : serviceNameFor(type),
            id: `${type}-${service.name}`
              .replace(/[^a-z0-9]/gi, '')
              .padEnd(32, '0')
              .slice(0, 32),
            endpoints: (['public', 'internal', 'admin'] as const).map((iface) => ({
              interface: iface,
              region: settings.region,
              url,
            })),
          }
        }),
      )
  const runtime: CloudRuntime = { state, clock, settings, catalog }
  const faults = createFaults({
    expireAll: () => {
      const now = clock.now()
      for (const token of state.identity.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now)
    },
    revokeAll: () => {
      for (const token of state.identity.tokens.values()) token.revoked = true
    },
  })
  const dispatch = createDispatch({
    runtime,
    services: () => services,
    faults,
    latencyMs: () => options.latencyMs ?? 0,
  })

  let baseline: Baseline = {}
  const seed = () => {
    Object.assign(state, emptyCloudState())
    seedWorld(state, world, clock.now())
    baseline = takeBaseline(state)
  }
  seed()
  for (const service of services) settings.endpoints[service.type] = service.prefix

  const orphans = () => findOrphans(state, baseline)
  const fetch = fakeFetch(dispatch)
  const cloudConfig = (
    config: { user?: string; password?: string; project?: string; origin?: string } = {},
  ): CloudConfig => ({
    name: 'fake',
    authType: 'password',
    auth: {
      authUrl: `${(config.origin ?? origin).replace(/\/+$/, '')}/identity/v3`,
      username: config.user ?? 'demo',
      password: config.password ?? 'secret',
      projectName: config.project ?? config.user ?? 'demo',
      userDomainName: 'Default',
      projectDomainName: 'Default',
    },
    regionName: settings.region,
    interface: 'public',
  })
  return {
    handlers: mswHandlers(origin, dispatch),
    fetch,
    listen: (listenOptions) => listenHttp(dispatch, listenOptions),
    state,
    faults,
    clock,
    origin,
    authUrl: `${origin}/identity/v3`,
    reset: () => {
      faults.clear()
      heat.control.clear()
      seed()
    },
    orphans,
    assertNoOrphans: () => {
      const left = orphans()
      const kinds = Object.entries(left)
      if (kinds.length === 0) return
      const lines = kinds.map(([kind, ids]) => `  ${kind}: ${ids.join(', ')}`)
      throw new Error(`The fake cloud has objects left over beyond its seeded world:\n${lines.join('\n')}`)
    },
    cloudConfig,
    session: ({ user, ...sessionOptions } = {}) =>
      createSession(cloudConfig(user ? { user } : {}), { fetch, ...sessionOptions }),
    trusteeAdmin: (sessionOptions = {}) => {
      const domain = [...state.identity.domains.values()].find((d) => d.name === 'magnum')
      if (!domain) {
        throw new Error(
          'The fake cloud has no "magnum" domain: add it, with a magnum_domain_admin user, to the world',
        )
      }
      const adminSession = createSession(
        {
          auth: {
            authUrl: `${origin}/identity/v3`,
            username: 'magnum_domain_admin',
            password: 'secret',
            userDomainName: 'magnum',
            domainName: 'magnum',
          },
          regionName: settings.region,
        },
        { fetch, ...sessionOptions },
      )
      return { adminSession, domainId: domain.id }
    },
    addService: (service) => {
      const same = services.findIndex((s) => s.type === service.type)
      if (same >= 0) services.splice(same, 1)
      services.push(service)
      settings.endpoints[service.type] = service.prefix
    },
    dispatch,
    heat: heat.control,
  }
}
