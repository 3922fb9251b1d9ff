import { randomUUID } from 'node:crypto'
import type { Session, SessionOptions } from '@magnum-ts/auth'
import type { CertStore } from '@magnum-ts/certs'
import { doctor } from '../doctor/doctor.js'
import type { DoctorOptions, DoctorReport } from '../doctor/types.js'
import type { DriverDescriptor } from '../drivers/contract.js'
import { createDriverRegistry } from '../drivers/registry.js'
import type { Stats } from '../models/stats.js'
import type { Store } from '../store/types.js'
import { certificatesService } from './certificates.js'
import { clusterCredentialMode } from './cluster-credential.js'
import { clustersService } from './clusters.js'
import type { MagnumConfig, PipelineDeps } from './deps.js'
import { type ClusterEvents, createClusterEvents } from './events.js'
import { type HealthOptions, type HealthReport, healthOnce } from './health.js'
import { nodegroupsService } from './nodegroups.js'
import type { Notifier } from './notifications.js'
import { quotasService } from './quotas.js'
import { clusterStats, type StatsOptions } from './stats.js'
import { type SyncReport, syncOnce } from './sync.js'
import { clusterTemplatesService } from './templates.js'
import { syncForWaiters } from './transient.js'
import type { TrusteeSettings } from './trustee.js'
import { createTrusteeSessions } from './trustee-session.js'

export interface MagnumOptions {
  /** The caller's session: every call runs as its user and project. */
  session: Session
  store: Store
  /** Installed drivers (full drivers build clusters; descriptors only validate templates). */
  drivers: readonly DriverDescriptor[]
  /** Where cluster CAs and conductor certificates live. */
  certStore: CertStore
  /** Trustee users are created in `domainId` through `adminSession` (Magnum's trustee domain admin). */
  trustee: TrusteeSettings
  /**
   * fetch, logger, retry and timeouts of the sessions the pipeline opens itself: as a cluster's
   * trustee (trust-scoped), to reach other projects' stacks. Auth URL, region, interface and TLS
   * files come from `session.config`.
   */
  sessionOptions?: SessionOptions
  notifier?: Notifier
  config?: MagnumConfig
  /** Drivers to skip (Magnum's `[drivers]disabled_drivers`). */
  disabledDrivers?: readonly string[]
  now?: () => Date
  /** The health monitor's concurrency, probe timeout and lease length (`magnum.health`). */
  health?: HealthOptions
}

/** The pipeline: cluster templates, clusters, status sync and events, in-process. */
export interface Magnum {
  clusterTemplates: ReturnType<typeof clusterTemplatesService>
  clusters: ReturnType<typeof clustersService>
  /** A cluster's nodegroups (API 1.9): create, list, get, update bounds, delete, waitFor. */
  nodegroups: ReturnType<typeof nodegroupsService>
  /** Cluster CAs: show, sign a CSR (nodes do this as the trustee), rotate. */
  certificates: ReturnType<typeof certificatesService>
  /** Per-project cluster limits (writes need the admin role). */
  quotas: ReturnType<typeof quotasService>
  /** Clusters and nodes (masters included) in the caller's project, or `projectId` for admins. */
  stats(options?: StatsOptions): Promise<Stats>
  sync: {
    /** One sync cycle over the in-progress clusters of every project that this process can lease. */
    runOnce(): Promise<SyncReport>
    /** Runs a cycle every `intervalMs` (default 10 s) until `stop()`. */
    start(intervalMs?: number): void
    stop(): void
  }
  /**
   * Magnum's health monitor: probes CREATE_COMPLETE, UPDATE_COMPLETE, UPDATE_IN_PROGRESS and
   * ROLLBACK_IN_PROGRESS clusters whose driver has `health`, stores `healthStatus` and
   * `healthStatusReason`, and emits `events.onHealth` on change.
   */
  health: {
    /** One cycle over the monitored clusters this process can lease. */
    runOnce(): Promise<HealthReport>
    /** Runs a cycle every `intervalMs` (default 60 s) until `stop()`. */
    start(intervalMs?: number): void
    stop(): void
  }
  /** Typed status transitions and health changes (in-process). CADF notifications go to `notifier`. */
  events: ClusterEvents
  /**
   * Every problem at once: catalog health, endpoint hosts, roles and, for a template given by
   * name or id, the same resource checks a cluster create runs.
   */
  doctor(options?: Omit<DoctorOptions, 'template'> & { template?: string }): Promise<DoctorReport>
}

/**
 * Assembles the pipeline from a session, a store, drivers and a certificate store.
 *
 * @example
 * const magnum = createMagnum({ session, store: memoryStore(), drivers: [k8sFedoraAtomicDriver],
 *   certStore, trustee: { adminSession, domainId } })
 * const template = await magnum.clusterTemplates.create({ name: 'k8s', coe: 'kubernetes', imageId: 'fedora-atomic-latest', … })
 * const cluster = await magnum.clusters.create({ name: 'prod', clusterTemplateId: template.uuid })
 * await magnum.clusters.waitFor(cluster.uuid, 'CREATE_COMPLETE')
 */
export function createMagnum(options: MagnumOptions): Magnum {
  // A misspelt credential mode fails here, not at the first cluster create.
  clusterCredentialMode(options.config)
  const events = createClusterEvents()
  const deps: PipelineDeps = {
    session: options.session,
    store: options.store,
    registry: createDriverRegistry(options.drivers, { disabled: options.disabledDrivers ?? [] }),
    certStore: options.certStore,
    trustee: options.trustee,
    trusteeSessions: createTrusteeSessions({
      pipelineSession: options.session,
      ...(options.sessionOptions ? { sessionOptions: options.sessionOptions } : {}),
      ...(options.config?.trusteeSessionCacheSize ? { maxSize: options.config.trusteeSessionCacheSize } : {}),
    }),
    events,
    notify: async (n) => {
      // A broken notifier must not fail cluster operations (Magnum's notifications are fire-and-forget).
      try {
        await options.notifier?.(n)
      } catch {}
    },
    // Certificates that go to Barbican need the key-manager check even when the operator passed
    // the store object without also naming it in `config.certStoreSpec`.
    config: {
      ...(options.certStore.type === 'barbican' ? { certStoreSpec: 'barbican' } : {}),
      ...options.config,
    },
    now: options.now ?? (() => new Date()),
  }
  const ownerId = options.config?.syncOwnerId ?? `magnum-ts-${randomUUID()}`
  let timer: ReturnType<typeof setInterval> | undefined
  let running: Promise<SyncReport> | undefined
  // One cycle at a time per process: a slow cycle is not overlapped by the next tick.
  const runOnce = () => {
    running ??= syncOnce(deps, ownerId).finally(() => {
      running = undefined
    })
    return running
  }
  // The monitor leases under its own name, so its release never drops a lease this process's sync holds.
  const healthOwnerId = `${ownerId}/health`
  let healthTimer: ReturnType<typeof setInterval> | undefined
  let healthRunning: Promise<HealthReport> | undefined
  const runHealthOnce = () => {
    healthRunning ??= healthOnce(deps, healthOwnerId, options.health).finally(() => {
      healthRunning = undefined
    })
    return healthRunning
  }
  return {
    clusterTemplates: clusterTemplatesService(deps),
    clusters: clustersService(deps, syncForWaiters(runOnce)),
    nodegroups: nodegroupsService(deps, syncForWaiters(runOnce)),
    certificates: certificatesService(deps),
    quotas: quotasService(deps),
    stats: (statsOptions) => clusterStats(deps, statsOptions),
    events,
    async doctor(doctorOptions = {}) {
      const { template: nameOrId, ...rest } = doctorOptions
      const template = nameOrId ? await clusterTemplatesService(deps).get(nameOrId) : undefined
      return doctor(deps.session, {
        ...rest,
        ...(template ? { template } : {}),
        needs: {
          ...(deps.config.certStoreSpec ? { certStore: deps.config.certStoreSpec } : {}),
          ...(deps.config.volumeTypeDefaults ? { volumeTypeDefaults: deps.config.volumeTypeDefaults } : {}),
          ...rest.needs,
        },
      })
    },
    sync: {
      runOnce,
      start(intervalMs = 10_000) {
        timer ??= setInterval(() => void runOnce().catch(() => {}), intervalMs)
        timer.unref?.()
      },
      stop() {
        if (timer) clearInterval(timer)
        timer = undefined
      },
    },
    health: {
      runOnce: runHealthOnce,
      start(intervalMs = 60_000) {
        healthTimer ??= setInterval(() => void runHealthOnce().catch(() => {}), intervalMs)
        healthTimer.unref?.()
      },
      stop() {
        if (healthTimer) clearInterval(healthTimer)
        healthTimer = undefined
      },
    },
  }
}
