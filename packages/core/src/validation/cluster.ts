import type { DriverDescriptor } from '../drivers/contract.js'
import type { DriverRegistry } from '../drivers/registry.js'
import {
  InvalidParameterValueError,
  type MagnumValidationError,
  RequiredParameterMissingError,
} from '../errors.js'
import { CLUSTER_DEFAULTS, type ClusterCreateInput } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { Labels } from '../models/common.js'
import { snakeCase } from '../models/wire.js'
import { generateName } from '../naming/generated-name.js'
import { resolveCreateTimeout, validateMasterLb, validateNodeCount } from './counts.js'
import { driverErrors, pickDriver, uniqueByField } from './driver-checks.js'
import { effectiveLabels, normaliseLabels } from './labels.js'
import { validateClusterName } from './names.js'
import { parseDockerVolumeSize, validateDevicemapperVolume } from './storage.js'

/** A cluster create after defaults, inheritance from the template and validation. */
export interface ResolvedClusterCreate {
  name: string
  /** The template's UUID (the input may have named it). */
  clusterTemplateId: string
  nodeCount: number
  masterCount: number
  createTimeout: number
  keypair: string | undefined
  dockerVolumeSize: number | undefined
  masterFlavorId: string | undefined
  flavorId: string | undefined
  fixedNetwork: string | undefined
  fixedSubnet: string | undefined
  floatingIpEnabled: boolean
  masterLbEnabled: boolean
  labels: Labels
  discoveryUrl: string | undefined
}

/**
 * Checks a cluster create body on its own, before the template is looked up: template reference
 * present, name, counts, timeout, volume size and labels well-formed.
 */
export function validateClusterCreateInput(input: ClusterCreateInput): MagnumValidationError[] {
  const errors: MagnumValidationError[] = []
  const push = (error: MagnumValidationError | undefined) => error && errors.push(error)
  if (input.clusterTemplateId === undefined || input.clusterTemplateId === '') {
    push(
      new RequiredParameterMissingError({
        field: 'cluster_template_id',
        message: 'The cluster_template_id field is mandatory',
        fix: 'give the name or UUID of the cluster template to build the cluster from',
      }),
    )
  }
  push(validateClusterName(input.name))
  push(validateNodeCount(input.nodeCount, 'node_count'))
  push(validateNodeCount(input.masterCount, 'master_count'))
  const timeout = resolveCreateTimeout(input.createTimeout)
  if ('error' in timeout) push(timeout.error)
  const volume = parseDockerVolumeSize(input.dockerVolumeSize)
  if ('error' in volume) push(volume.error)
  const labels = normaliseLabels(input.labels)
  if ('error' in labels) push(labels.error)
  if (input.mergeLabels !== undefined && typeof input.mergeLabels !== 'boolean') {
    push(
      new InvalidParameterValueError({
        field: 'merge_labels',
        message: 'merge_labels must be true or false',
        fix: 'set merge_labels to true to lay the cluster labels over the template labels, or leave it unset',
      }),
    )
  }
  return errors
}

/** An unset or empty string inherits the template's value, as in Magnum. */
function inherit<T>(own: T | undefined | null, fromTemplate: T | undefined): T | undefined {
  return own === undefined || own === null || (own as unknown) === '' ? fromTemplate : own
}

export interface ClusterCreateOptions {
  registry: DriverRegistry
  /** The image's `os_distro`, once known: selects the driver and runs its rules. */
  osDistro?: string | undefined
  /** Operator configuration passed to the driver's rules (see `ValidationContext.config`). */
  config?: Readonly<Record<string, unknown>>
  /** Name generator for an unnamed cluster (injected by tests). */
  generateName?: () => string
}

/**
 * Resolves a cluster create against its template (§4 "Cluster POST", without cloud lookups):
 * defaults (1 master, 1 node, timeout 60), inheritance of unset fields, labels (replace, or merge
 * with `mergeLabels`), devicemapper volume size, master LB for several masters, the driver's rules.
 */
export function resolveClusterCreate(
  input: ClusterCreateInput,
  template: ClusterTemplate,
  options: ClusterCreateOptions,
): { cluster: ResolvedClusterCreate; driver: DriverDescriptor | undefined; errors: MagnumValidationError[] } {
  const errors = validateClusterCreateInput({
    ...input,
    clusterTemplateId: input.clusterTemplateId ?? template.uuid,
  })
  const timeout = resolveCreateTimeout(input.createTimeout)
  const volume = parseDockerVolumeSize(input.dockerVolumeSize)
  const labels = normaliseLabels(input.labels)
  const ownLabels =
    'value' in labels && input.labels !== undefined && input.labels !== null ? labels.value : undefined
  const cluster: ResolvedClusterCreate = {
    name: input.name ?? (options.generateName ?? (() => generateName('cluster')))(),
    clusterTemplateId: template.uuid,
    nodeCount: input.nodeCount ?? CLUSTER_DEFAULTS.nodeCount,
    masterCount: input.masterCount ?? CLUSTER_DEFAULTS.masterCount,
    createTimeout: 'value' in timeout ? timeout.value : CLUSTER_DEFAULTS.createTimeout,
    keypair: inherit(input.keypair, template.keypairId),
    dockerVolumeSize: inherit('value' in volume ? volume.value : undefined, template.dockerVolumeSize),
    masterFlavorId: inherit(input.masterFlavorId, template.masterFlavorId),
    flavorId: inherit(input.flavorId, template.flavorId),
    fixedNetwork: inherit(input.fixedNetwork, template.fixedNetwork),
    fixedSubnet: inherit(input.fixedSubnet, template.fixedSubnet),
    floatingIpEnabled: inherit(input.floatingIpEnabled, template.floatingIpEnabled) ?? true,
    masterLbEnabled: inherit(input.masterLbEnabled, template.masterLbEnabled) ?? false,
    labels: effectiveLabels(template.labels, ownLabels, input.mergeLabels === true),
    discoveryUrl: input.discoveryUrl,
  }
  if (errors.length > 0) return { cluster, driver: undefined, errors }

  const more: MagnumValidationError[] = []
  const push = (error: MagnumValidationError | undefined) => error && more.push(error)
  const { driver, error } = pickDriver(options.registry, {
    serverType: template.serverType,
    coe: template.coe,
    osDistro: options.osDistro ?? template.clusterDistro,
  })
  push(error)
  push(validateDevicemapperVolume(template.dockerStorageDriver, cluster.dockerVolumeSize))
  push(validateMasterLb(cluster.masterCount, cluster.masterLbEnabled))
  more.push(
    ...driverErrors(driver, {
      clusterTemplate: template,
      cluster: { ...cluster, labels: cluster.labels },
      labels: cluster.labels,
      dockerVolumeSize: cluster.dockerVolumeSize,
      osDistro: options.osDistro ?? template.clusterDistro,
      config: options.config ?? {},
    }),
  )
  return { cluster, driver, errors: uniqueByField(more) }
}

/** Fields a cluster update may change: only `node_count` (use resize or upgrade for the rest). */
export const CLUSTER_UPDATABLE_FIELDS = ['nodeCount'] as const

/** Checks a cluster PATCH: anything but `node_count` → 400 "cannot change cluster property(ies) X". */
export function validateClusterUpdate(changes: Record<string, unknown>): MagnumValidationError[] {
  const errors: MagnumValidationError[] = []
  const refused = Object.keys(changes).filter((f) => f !== 'nodeCount')
  if (refused.length > 0) {
    const names = refused.map(snakeCase).join(', ')
    errors.push(
      new InvalidParameterValueError({
        field: snakeCase(refused[0] ?? ''),
        message: `cannot change cluster property(ies) ${names}`,
        fix: 'a cluster update may only change node_count; use resize for a nodegroup, upgrade for the template, or create a new cluster',
      }),
    )
  }
  const count = validateNodeCount(changes.nodeCount, 'node_count')
  if (count) errors.push(count)
  return errors
}
