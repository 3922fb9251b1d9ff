import type { Session } from '@magnum-ts/auth'
import type { HotTemplate, Stack } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { HealthStatus, Labels, ServerType } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import type { Problem } from './problem.js'

/** One (server_type, image os_distro, coe) triple a driver serves. */
export interface ClusterType {
  serverType: ServerType
  /** The Glance image's `os_distro` property, e.g. `fedora-atomic`, `ubuntu`. */
  os: string
  coe: string
}

/** The network and volume drivers a COE driver accepts; Magnum's per-COE table (§4). */
export interface DriverRules {
  /** Accepted `network_driver` values. */
  networkDrivers: readonly string[]
  /** Filled in (and persisted) when a template leaves `network_driver` unset. */
  defaultNetworkDriver: string
  /** Accepted `volume_driver` values; unset stays unset. */
  volumeDrivers: readonly string[]
}

/**
 * The template, and the cluster when there is one, as a driver's `validate` sees them. The
 * effective values already apply Magnum's inheritance (cluster value, else the template's).
 */
export interface ValidationContext {
  clusterTemplate: Partial<ClusterTemplate>
  cluster?: Partial<Cluster> | undefined
  /** The cluster's labels when it has any, else the template's (merged when `merge_labels`). */
  labels: Labels
  /** The cluster's `docker_volume_size`, else the template's. */
  dockerVolumeSize: number | undefined
  /** The image's `os_distro`, when known. */
  osDistro?: string | undefined
  /**
   * Operator configuration the rules depend on, e.g. `clusterUserTrust` (Magnum's
   * `[trust]cluster_user_trust`, default false). Empty when unset.
   */
  config: Readonly<Record<string, unknown>>
}

/**
 * The data part of a driver: what it provides and which templates it accepts. A driver package
 * can export this before its Heat templates exist; the registry needs nothing more.
 */
export interface DriverDescriptor {
  /** A unique name, e.g. `k8s_fedora_atomic_v1`. */
  name: string
  /** The driver's own version (Magnum's `version.py`), e.g. `1.0.0`. */
  version: string
  /** The container engine version the images run, reported as the cluster's `container_version`. */
  containerVersion: string
  provides: readonly ClusterType[]
  rules: DriverRules
  /**
   * COE names a caller might ask for that this driver answers instead, with the reason shown in
   * the error, e.g. swarm-mode's `{ swarm: 'the legacy etcd-based swarm COE is not supported…' }`.
   * Consulted only when no enabled driver serves the requested COE.
   */
  coeHints?: Readonly<Record<string, string>>
  /** Driver-specific checks (labels, storage drivers, …). Must be pure and synchronous. */
  validate?(ctx: ValidationContext): Problem[]
  /** The cluster's nodes can take a new CA (`magnum.certificates.rotate`); Magnum allows it for k8s only. */
  rotateCaSupported?: boolean
}

/** The trustee user and trust of a cluster made in `trust` mode. */
export interface ClusterTrustCredential {
  trusteeUserId: string
  trusteeUsername: string
  trusteePassword: string
  trusteeDomainId: string
  trustId: string
}

/**
 * How a cluster's nodes authenticate to Keystone: as the trustee with the trust (`password`
 * method, trust scope), or with the creator's restricted application credential
 * (`application_credential` method, id + secret).
 */
export type ClusterNodeCredential =
  | ({ kind: 'trust' } & ClusterTrustCredential)
  | { kind: 'application-credential'; id: string; secret: string }

/** The context's node credential, falling back to its `trust` for contexts without `credential`. */
export function nodeCredential(ctx: Pick<ClusterContext, 'trust' | 'credential'>): ClusterNodeCredential {
  return ctx.credential ?? { kind: 'trust', ...ctx.trust }
}

/** Everything a driver needs to build or change a cluster's stacks. */
export interface ClusterContext {
  cluster: Cluster
  clusterTemplate: ClusterTemplate
  nodeGroups: NodeGroup[]
  /** The effective labels (see `ValidationContext.labels`). */
  labels: Labels
  /**
   * Trustee credentials the nodes use to reach Magnum's certificate API and the cloud. Every field
   * is `''` for a cluster made with an application credential: read `credential` instead.
   */
  trust: ClusterTrustCredential
  /**
   * The credential the nodes authenticate with: the trustee and trust, or an application
   * credential. Absent in contexts built before it existed: treat as `{ kind: 'trust', ...trust }`
   * (`nodeCredential(ctx)` does that).
   */
  credential?: ClusterNodeCredential | undefined
  /** Endpoints from the catalog, resolved by core. */
  endpoints: { authUrl: string; magnumUrl: string; regionName: string | undefined }
  /** Which optional services the catalog has (Octavia decides the LB environment file). */
  services: { octavia: boolean; cinder: boolean; barbican: boolean }
  /** Request context: who asked, for which project. */
  context: { userId: string; userName: string | undefined; projectId: string; domainName: string | undefined }
  /** Operator configuration the drivers read (`[cinder] default_docker_volume_type`, affinity policy, …). */
  config: Record<string, unknown>
  /** The caller's session, for hooks that talk to the cloud (pre-delete LB cleanup, discovery). */
  session?: Session | undefined
  signal?: AbortSignal | undefined
}

/** What Heat's `POST /stacks` needs, minus the name and timeout core adds. */
export interface StackRequest {
  /** The top-level template (HOT object or YAML text), or the name of the `files` entry holding it. */
  template: HotTemplate | string
  /** Nested templates, scripts and environment files, by the name the template uses. */
  files: Record<string, string | HotTemplate>
  /** Keys of `files`, in the order Heat merges them. */
  environmentFiles: string[]
  parameters: Record<string, unknown>
}

/** A scale or resize of one nodegroup. */
export interface ScaleChange {
  nodeGroup: NodeGroup
  nodeCount: number
  /** Server names or ids to remove first, when scaling down. */
  nodesToRemove: string[]
}

/** What a driver reads back from a completed stack. `undefined` keeps the stored value. */
export interface StackOutputs {
  apiAddress?: string | undefined
  masterAddresses: string[]
  nodeAddresses: string[]
  coeVersion?: string | undefined
  /** Node counts by nodegroup role (`master`, `worker`) from the stack parameters. */
  counts: { master?: number; worker?: number }
}

/** The cluster's CA and an admin client certificate, PEM-encoded. */
export interface ClusterCredentials {
  ca: string
  cert: string
  key: string
}

/** What `clusters.config` writes and exports for the user. */
export interface ClusterConfig {
  /** File name (relative to the output directory) → content. */
  files: Record<string, string>
  /** Environment variables to export, e.g. KUBECONFIG or DOCKER_HOST. */
  env: Record<string, string>
}

/** How the user wants to reach the cluster (`clusters.config` options the driver acts on). */
export interface ClusterConfigRequest {
  /**
   * Authenticate to the COE with Keystone instead of the admin client certificate (k8s:
   * a kubeconfig whose user runs `client-keystone-auth`). Drivers without it ignore the flag.
   */
  useKeystone?: boolean
  /** Keystone facts for `useKeystone`: the public identity endpoint and the caller's scope. */
  keystone?: {
    authUrl: string
    projectId: string
    projectName?: string | undefined
    domainName?: string | undefined
    userName?: string | undefined
    regionName?: string | undefined
  }
}

/** The result of a health probe. */
export interface Health {
  status: HealthStatus
  reason: Record<string, unknown>
}

/** A complete COE driver: the descriptor plus the Heat and cluster-access hooks. */
export interface ClusterDriver extends DriverDescriptor {
  /** The stack for a new cluster. */
  stackRequest(ctx: ClusterContext): Promise<StackRequest>
  /**
   * The stack of an extra (non-default) nodegroup, built next to the cluster's stack (k8s: the
   * cluster template again, with only the worker resources). Receives the cluster stack with its
   * outputs, for the network, security group and master address the new nodes join. Absent when
   * the driver cannot add nodegroups: core then refuses the create synchronously.
   */
  nodeGroupStackRequest?(
    ctx: ClusterContext,
    nodeGroup: NodeGroup,
    clusterStack: Stack,
  ): Promise<StackRequest>
  /** The parameters of a stack update that scales a nodegroup. */
  scaleParameters(ctx: ClusterContext, change: ScaleChange): Record<string, unknown>
  /** The parameters of a stack update that upgrades to `newTemplate`; absent when unsupported. */
  upgradeParameters?(ctx: ClusterContext, newTemplate: ClusterTemplate): Record<string, unknown>
  /** Reads addresses and counts from a completed stack. */
  readOutputs(stack: Stack, ctx: ClusterContext): StackOutputs
  /** Files and environment for a user to reach the cluster. */
  clusterConfig(
    cluster: Cluster,
    credentials: ClusterCredentials,
    request?: ClusterConfigRequest,
  ): ClusterConfig
  /**
   * Probes the COE API (Magnum's monitor) with the conductor's client certificate; absent when
   * the driver has no monitor. Decides itself when the API cannot be reached (UNKNOWN).
   */
  health?(
    cluster: Cluster,
    credentials: ClusterCredentials,
    options?: { signal?: AbortSignal },
  ): Promise<Health>
  /** Cleans up what the COE created outside Heat (e.g. Octavia LBs) before the stack is deleted. */
  preDelete?(ctx: ClusterContext): Promise<void>
  /**
   * Magnum's scale manager: on a scale-down that names no nodes, the driver's own choice of
   * nodes to remove (mesos picks the least-loaded slaves). Receives the stack with its outputs.
   */
  selectNodesToRemove?(ctx: ClusterContext, change: ScaleChange, stack: Stack): Promise<string[]>
}

/** Whether a registered driver has its Heat part (a full `ClusterDriver`), not only a descriptor. */
export function isClusterDriver(driver: DriverDescriptor): driver is ClusterDriver {
  const d = driver as Partial<ClusterDriver>
  return typeof d.stackRequest === 'function' && typeof d.readOutputs === 'function'
}
