import { randomUUID } from 'node:crypto'
import type { Session } from '@magnum-ts/auth'
import type { CertStore } from '@magnum-ts/certs'
import { doctor } from '../doctor/doctor.js'
import type { DoctorOptions, DoctorReport } from '../doctor/types.js'
import type { DriverDescriptor } from '../drivers/contract.js'
import { createDriverRegistry } from '../drivers/registry.js'
import type { Stats } from '../models/stats.js'
import type { Store } from '../store/types.js'
import { certificatesService } from './certificates.js'
import { clustersService } from './clusters.js'
import type { MagnumConfig, PipelineDeps } from './deps.js'
import { type ClusterEvents, createClusterEvents } from './events.js'
import type { Notifier } from './notifications.js'
import { quotasService } from './quotas.js'
import { clusterStats, type StatsOptions } from './stats.js'
import { type SyncReport, syncOnce } from './sync.js'
import { clusterTemplatesService } from './templates.js'
import type { TrusteeSettings } from './trustee.js'

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
  notifier?: Notifier
  config?: MagnumConfig
  /** Drivers to skip (Magnum's `[drivers]disabled_drivers`). */
  disabledDrivers?: readonly string[]
  now?: () => Date
}

/** The pipeline: cluster templates, clusters, status sync and events, in-process. */
export interface Magnum {
  clusterTemplates: ReturnType<typeof clusterTemplatesService>
  clusters: ReturnType<typeof clustersService>
  /** Cluster CAs: show, sign a CSR (nodes do this as the trustee), rotate. */
  certificates: ReturnType<typeof certificatesService>
  /** Per-project cluster limits (writes need the admin role). */
  quotas: ReturnType<typeof quotasService>
  /** Clusters and nodes (masters included) in the caller's project, or `projectId` for admins. */
  stats(options?: StatsOptions): Promise<Stats>
  sync: {
    /** One sync cycle over the in-progress clusters this process can lease. */
    runOnce(): Promise<SyncReport>
    /** Runs a cycle every `intervalMs` (default 10 s) until `stop()`. */
    start(intervalMs?: number): void
    stop(): void
  }
  /** Typed status transitions (in-process). CADF notifications go to `notifier`. */
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
  const events = createClusterEvents()
  const deps: PipelineDeps = {
    session: options.session,
    store: options.store,
    registry: createDriverRegistry(options.drivers, { disabled: options.disabledDrivers ?? [] }),
    certStore: options.certStore,
    trustee: options.trustee,
    events,
    notify: async (n) => {
      // A broken notifier must not fail cluster operations (Magnum's notifications are fire-and-forget).
      try {
        await options.notifier?.(n)
      } catch {}
    },
    config: options.config ?? {},
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
  return {
    clusterTemplates: clusterTemplatesService(deps),
    clusters: clustersService(deps, runOnce),
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
  }
}
