import type { Session } from '@magnum-ts/auth'
import type { CertStore } from '@magnum-ts/certs'
import type { DriverDescriptor } from '../drivers/contract.js'
import type { DriverRegistry } from '../drivers/registry.js'
import type { VolumeTypeDefaults } from '../resources/types.js'
import type { Store } from '../store/types.js'
import type { ClusterEvents } from './events.js'
import type { ClusterNotification } from './notifications.js'
import type { TrusteeSettings } from './trustee.js'

/** Operator configuration (what Magnum reads from magnum.conf), all optional. */
export interface MagnumConfig {
  /** URL nodes call for certificates (`GET/POST /v1/certificates`); default: the catalog's container-infra. */
  magnumUrl?: string
  /** Magnum's `[trust]cluster_user_trust`: pass the trust id to Heat (default false). */
  clusterUserTrust?: boolean
  /** Default volume types when labels name none (Magnum's `[cinder] default_*_volume_type`). */
  volumeTypeDefaults?: VolumeTypeDefaults
  /** The certificate store spec, for the Barbican presence check (`barbican`, `local:DIR`, `store`). */
  certStoreSpec?: string
  /** This process's name in sync leases (default: a random id). */
  syncOwnerId?: string
  /** How long a sync lease lasts (default 60 s): a crashed owner's clusters are picked up after it. */
  syncLeaseMs?: number
  /** Stacks asked of Heat per list call during sync (default 100). */
  syncPageSize?: number
  /** Anything else a driver reads (e.g. `nodes_affinity_policy`). */
  driver?: Record<string, unknown>
}

/** What every pipeline service shares. */
export interface PipelineDeps {
  session: Session
  store: Store
  registry: DriverRegistry<DriverDescriptor>
  certStore: CertStore
  trustee: TrusteeSettings
  events: ClusterEvents
  notify: (notification: ClusterNotification) => Promise<void>
  config: MagnumConfig
  now: () => Date
}

/** The configuration object drivers see (`ClusterContext.config`, `ValidationContext.config`). */
export function driverConfig(deps: PipelineDeps): Record<string, unknown> {
  return {
    clusterUserTrust: deps.config.clusterUserTrust ?? false,
    trusteeDomainId: deps.trustee.domainId,
    ...deps.config.driver,
  }
}
