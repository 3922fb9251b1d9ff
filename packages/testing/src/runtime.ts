import type { FakeClock } from './clock.js'
import type { CatalogServiceSpec } from './identity/token-body.js'
import type { CloudState } from './state.js'

/** Tunables of the fake's behaviour (build times and the like). */
export interface CloudSettings {
  region: string
  /** Seconds a server stays BUILD, a volume `creating`, a load balancer PENDING_CREATE. Default 0. */
  buildSeconds: number
  /** Token lifetime in seconds. Default 3600. */
  tokenLifetimeSeconds: number
  /** Path of each service's endpoint on the fake's origin (`compute` → `/compute/v2.1`). */
  endpoints: Record<string, string>
}

/** What every route works with: the state, the clock and the settings. */
export interface CloudRuntime {
  state: CloudState
  clock: FakeClock
  settings: CloudSettings
  /** The service catalog, pointing at the origin the caller used, with the project id filled in. */
  catalog(origin: string, projectId: string): CatalogServiceSpec[]
}
