import type { DriverDescriptor } from '../drivers/contract.js'
import type { DriverRegistry } from '../drivers/registry.js'
import {
  ClusterTemplatePublishDeniedError,
  ClusterTemplateReferencedError,
  InvalidParameterValueError,
  type MagnumValidationError,
  RequiredParameterMissingError,
} from '../errors.js'
import {
  CLUSTER_TEMPLATE_DEFAULTS,
  type ClusterTemplate,
  type ClusterTemplateInput,
  IMMUTABLE_TEMPLATE_FIELDS,
} from '../models/cluster-template.js'
import { snakeCase } from '../models/wire.js'
import {
  resolveNetworkDriver,
  rulesFor,
  validateCoe,
  validateServerType,
  validateVolumeDriver,
} from './coe.js'
import { parseDnsNameservers } from './dns.js'
import { driverErrors, driversFor, pickDriver, uniqueByField } from './driver-checks.js'
import { normaliseLabels } from './labels.js'
import { validateTemplateName } from './names.js'
import { parseDockerVolumeSize, validateApiserverPort, validateDevicemapperVolume } from './storage.js'

/** Template fields that hold a name, id or URL. */
const STRING_FIELDS = [
  'imageId',
  'flavorId',
  'masterFlavorId',
  'keypairId',
  'externalNetworkId',
  'fixedNetwork',
  'fixedSubnet',
  'networkDriver',
  'volumeDriver',
  'dockerStorageDriver',
  'httpProxy',
  'httpsProxy',
  'noProxy',
  'insecureRegistry',
] as const satisfies readonly (keyof ClusterTemplateInput)[]

export interface TemplateValidationOptions {
  registry: DriverRegistry
  /** Whether the caller holds the admin role (needed to set public or hidden). */
  isAdmin: boolean
  /** The image's `os_distro`, once known: selects the driver by its triple and runs its rules. */
  osDistro?: string | undefined
  /** Operator configuration passed to the driver's rules (see `ValidationContext.config`). */
  config?: Readonly<Record<string, unknown>>
}

export interface TemplateValidationResult {
  /** The input with Magnum's defaults filled, labels and dns_nameserver normalised. */
  template: ClusterTemplateInput
  /** Wire names of the fields filled with a default that must be persisted (e.g. `network_driver`). */
  defaulted: string[]
  /** The driver whose rules were applied, when it could be chosen. */
  driver: DriverDescriptor | undefined
  /** Every problem found; empty when the template is acceptable. */
  errors: MagnumValidationError[]
}

/**
 * Validates a cluster template create (Magnum §4 "Template POST" order, minus the cloud lookups):
 * mandatory coe and image, name, server type, network and volume drivers (default network driver
 * filled), volume size, devicemapper, dns, labels, port, the driver's own rules, the publish policy.
 */
export function validateClusterTemplate(
  input: ClusterTemplateInput,
  options: TemplateValidationOptions,
): TemplateValidationResult {
  const errors: MagnumValidationError[] = []
  const defaulted: string[] = []
  const template: ClusterTemplateInput = { ...input }
  const push = (error: MagnumValidationError | undefined) => error && errors.push(error)

  const coeError = validateCoe(input.coe, options.registry)
  push(coeError)
  if (input.imageId === undefined || input.imageId === null || input.imageId === '') {
    push(
      new RequiredParameterMissingError({
        field: 'image_id',
        message: 'The image_id field is mandatory',
        fix: 'give the Glance image name or UUID the servers boot from (its os_distro property selects the driver)',
      }),
    )
  }
  push(validateTemplateName(input.name))
  for (const field of STRING_FIELDS) {
    const value = input[field]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      push(
        new InvalidParameterValueError({
          field: snakeCase(field),
          message: `${snakeCase(field)} must be a string`,
          fix: `give ${snakeCase(field)} as a name or id string, or leave it unset`,
        }),
      )
    }
  }
  push(validateServerType(input.serverType))
  for (const [field, value] of Object.entries(CLUSTER_TEMPLATE_DEFAULTS)) {
    const key = field as keyof typeof CLUSTER_TEMPLATE_DEFAULTS
    if (template[key] === undefined) (template as Record<string, unknown>)[key] = value
  }
  for (const flag of [
    'registryEnabled',
    'tlsDisabled',
    'public',
    'hidden',
    'masterLbEnabled',
    'floatingIpEnabled',
  ] as const) {
    if (typeof template[flag] !== 'boolean') {
      push(
        new InvalidParameterValueError({
          field: snakeCase(flag),
          message: `${snakeCase(flag)} must be true or false`,
          fix: `set ${snakeCase(flag)} to a boolean`,
        }),
      )
    }
  }

  const { driver, error: typeError } =
    coeError === undefined
      ? pickDriver(options.registry, {
          serverType: template.serverType ?? 'vm',
          coe: input.coe as string,
          osDistro: options.osDistro,
        })
      : { driver: undefined }
  const rules =
    driver?.rules ??
    (coeError === undefined
      ? rulesBeforeImage(options.registry, input.coe as string, template.serverType)
      : undefined)
  if (rules) {
    const network = resolveNetworkDriver(input.networkDriver, rules)
    if ('error' in network) push(network.error)
    else {
      template.networkDriver = network.value
      if (network.defaulted) defaulted.push('network_driver')
    }
    push(validateVolumeDriver(input.volumeDriver, rules))
  }

  const volume = parseDockerVolumeSize(input.dockerVolumeSize)
  if ('error' in volume) push(volume.error)
  else {
    template.dockerVolumeSize = volume.value
    push(validateDevicemapperVolume(input.dockerStorageDriver, volume.value))
  }
  const dns = parseDnsNameservers(input.dnsNameserver)
  if ('error' in dns) push(dns.error)
  else template.dnsNameserver = dns.value
  const labels = normaliseLabels(input.labels)
  if ('error' in labels) push(labels.error)
  else template.labels = labels.value
  push(validateApiserverPort(input.apiserverPort))
  push(typeError)

  if (errors.length === 0) {
    errors.push(
      ...driverErrors(driver, {
        clusterTemplate: template,
        labels: template.labels ?? {},
        dockerVolumeSize: template.dockerVolumeSize,
        osDistro: options.osDistro,
        config: options.config ?? {},
      }),
    )
  }
  if (!options.isAdmin) {
    if (template.public === true) push(new ClusterTemplatePublishDeniedError('public'))
    if (template.hidden === true) push(new ClusterTemplatePublishDeniedError('hidden'))
  }
  return { template, defaulted, driver, errors: uniqueByField(errors) }
}

/**
 * Before the image is known: the rules of every driver for this COE and server type, or of every
 * driver for the COE when none matches the server type (the triple check reports that later).
 */
function rulesBeforeImage(registry: DriverRegistry, coe: string, serverType: string | undefined) {
  const candidates = driversFor(registry, coe, serverType ?? 'vm')
  return rulesFor(candidates.length > 0 ? candidates : registry.forCoe(coe))
}

export interface TemplateUpdateOptions extends TemplateValidationOptions {
  /** Whether any cluster uses the template. */
  inUse: boolean
}

/** The fields whose value `changes` actually changes (JSON comparison, so labels compare by content). */
export function changedTemplateFields(
  current: Partial<ClusterTemplate>,
  changes: Partial<ClusterTemplate>,
): (keyof ClusterTemplate)[] {
  return (Object.keys(changes) as (keyof ClusterTemplate)[]).filter(
    (field) => JSON.stringify(changes[field]) !== JSON.stringify(current[field]),
  )
}

/**
 * Validates a template update. A template in use may only be renamed, made public, or have
 * `hidden` changed, one of these at a time (Magnum's rule); public/hidden need admin; ids and
 * timestamps never change; the result must still pass `validateClusterTemplate`.
 */
export function validateClusterTemplateUpdate(
  current: ClusterTemplate,
  changes: Partial<ClusterTemplate>,
  options: TemplateUpdateOptions,
): TemplateValidationResult {
  const changed = changedTemplateFields(current, changes)
  const errors: MagnumValidationError[] = []
  for (const field of changed) {
    if ((IMMUTABLE_TEMPLATE_FIELDS as readonly string[]).includes(field)) {
      errors.push(
        new InvalidParameterValueError({
          field: snakeCase(field),
          message: `${snakeCase(field)} cannot be changed`,
          fix: `leave ${snakeCase(field)} out of the update`,
        }),
      )
    }
  }
  if (options.inUse && changed.length > 0) {
    const only = changed.length === 1 ? changed[0] : undefined
    const allowed = only === 'name' || only === 'hidden' || (only === 'public' && changes.public === true)
    if (!allowed) {
      const culprit =
        changed.find((f) => f !== 'name' && f !== 'hidden' && f !== 'public') ?? changed[0] ?? 'name'
      errors.push(new ClusterTemplateReferencedError(current.uuid, snakeCase(culprit), 'update'))
    }
  }
  if (!options.isAdmin) {
    if (changed.includes('public')) errors.push(new ClusterTemplatePublishDeniedError('public'))
    if (changed.includes('hidden')) errors.push(new ClusterTemplatePublishDeniedError('hidden'))
  }
  // Publish was judged on the change above; re-judging the merged template would refuse a non-admin
  // rename of a template an admin already published.
  const merged = validateClusterTemplate({ ...current, ...changes }, { ...options, isAdmin: true })
  return { ...merged, errors: uniqueByField([...errors, ...merged.errors]) }
}

/** A template in use cannot be deleted (Magnum answers 400). */
export function validateClusterTemplateDelete(
  template: Pick<ClusterTemplate, 'uuid'>,
  inUse: boolean,
): MagnumValidationError | undefined {
  return inUse ? new ClusterTemplateReferencedError(template.uuid, 'uuid', 'delete') : undefined
}

/**
 * Whether a template appears in a project's list: its own templates, public non-hidden ones, and
 * for admins public hidden ones too.
 */
export function isTemplateListed(
  template: Pick<ClusterTemplate, 'projectId' | 'public' | 'hidden'>,
  viewer: { projectId: string | undefined; isAdmin: boolean },
): boolean {
  if (template.projectId !== undefined && template.projectId === viewer.projectId) return true
  return template.public && (!template.hidden || viewer.isAdmin)
}

/** Whether a project may GET a template: its own, or any public one (hidden or not). */
export function isTemplateReadable(
  template: Pick<ClusterTemplate, 'projectId' | 'public'>,
  viewer: { projectId: string | undefined; isAdmin: boolean },
): boolean {
  return (
    viewer.isAdmin ||
    template.public ||
    (template.projectId !== undefined && template.projectId === viewer.projectId)
  )
}
