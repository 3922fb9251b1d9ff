import type { Session } from '@magnum-ts/auth'
import type { CertStore } from '@magnum-ts/certs'
import type { DriverDescriptor } from '../drivers/contract.js'
import type { DriverRegistry } from '../drivers/registry.js'
import type { VolumeTypeDefaults } from '../resources/types.js'
import type { Store } from '../store/types.js'
import type { ClusterCredentialMode } from './cluster-credential.js'
import type { ClusterEvents } from './events.js'
import type { ClusterNotification } from './notifications.js'
import type { TrusteeSettings } from './trustee.js'
import type { TrusteeSessions } from './trustee-session.js'

/** Operator configuration (what Magnum reads from magnum.conf), all optional. */
export interface MagnumConfig {
  /** URL nodes call for certificates (`GET/POST /v1/certificates`); default: the catalog's container-infra. */
  magnumUrl?: string
  /**
   * What each cluster's nodes and the status sync authenticate with: `trust` (default, Magnum's
   * trustee user + impersonating trust) or `application-credential` (a restricted application
   * credential the creator makes for itself, `magnum-ts-<cluster uuid>`). See docs/pipeline.md.
   */
  clusterCredential?: ClusterCredentialMode
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
  /** Stacks asked of Heat per list call during sync (default 100), per project. */
  syncPageSize?: number
  /** Trust-scoped trustee sessions kept for other projects' clusters (default 256, least recently used dropped). */
  trusteeSessionCacheSize?: number
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
  /** Cached trust-scoped sessions of cluster trustees, for Heat calls in other projects. */
  trusteeSessions: TrusteeSessions
  events: ClusterEvents
  notify: (notification: ClusterNotification) => Promise<void>
  config: MagnumConfig
  now: () => Date
}

/** The configuration object drivers see (`ClusterContext.config`, `ValidationContext.config`). */
export function driverConfig(deps: PipelineDeps): Record<string, unknown> {
  return {
    clusterUserTrust: deps.config.clusterUserTrust ?? false,
    clusterCredential: deps.config.clusterCredential ?? 'trust',
    trusteeDomainId: deps.trustee.domainId,
    ...deps.config.driver,
  }
}
