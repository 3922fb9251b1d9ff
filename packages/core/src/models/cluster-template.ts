import type { Labels, ServerType, WireObject } from './common.js'
import { pickFromWire, pickToWire } from './wire.js'

/** A ClusterTemplate (Magnum object v1.19): what every cluster made from it shares. */
export interface ClusterTemplate {
  uuid: string
  name: string
  projectId: string | undefined
  userId: string | undefined
  /** kubernetes, swarm-mode, mesos, or whatever COE an installed driver provides. Mandatory. */
  coe: string
  /** Glance image name or UUID. Mandatory. */
  imageId: string
  flavorId: string | undefined
  masterFlavorId: string | undefined
  keypairId: string | undefined
  externalNetworkId: string | undefined
  fixedNetwork: string | undefined
  fixedSubnet: string | undefined
  networkDriver: string | undefined
  volumeDriver: string | undefined
  dockerVolumeSize: number | undefined
  dockerStorageDriver: string | undefined
  /** Wire form is one comma-separated string. */
  dnsNameserver: string[] | undefined
  /** 1024–65535; accepted and stored but, as in Magnum, unused by the drivers. */
  apiserverPort: number | undefined
  labels: Labels
  httpProxy: string | undefined
  httpsProxy: string | undefined
  noProxy: string | undefined
  insecureRegistry: string | undefined
  registryEnabled: boolean
  tlsDisabled: boolean
  public: boolean
  hidden: boolean
  masterLbEnabled: boolean
  floatingIpEnabled: boolean
  serverType: ServerType
  /** Always overwritten with the image's `os_distro`. */
  clusterDistro: string | undefined
  createdAt: string | undefined
  updatedAt: string | undefined
}

/** What a caller gives to create a template: coe and imageId, the rest optional. */
export type ClusterTemplateInput = Partial<Omit<ClusterTemplate, 'uuid' | 'createdAt' | 'updatedAt'>> & {
  coe?: string | undefined
  imageId?: string | undefined
}

/** The defaults Magnum applies to a template field left unset. */
export const CLUSTER_TEMPLATE_DEFAULTS = {
  registryEnabled: false,
  tlsDisabled: false,
  public: false,
  hidden: false,
  masterLbEnabled: false,
  floatingIpEnabled: true,
  serverType: 'vm',
  labels: {},
} as const satisfies Partial<ClusterTemplate>

/** Every ClusterTemplate field, in Magnum's order; their snake_case forms are the wire names. */
export const CLUSTER_TEMPLATE_FIELDS = [
  'uuid',
  'name',
  'projectId',
  'userId',
  'coe',
  'imageId',
  'flavorId',
  'masterFlavorId',
  'keypairId',
  'externalNetworkId',
  'fixedNetwork',
  'fixedSubnet',
  'networkDriver',
  'volumeDriver',
  'dockerVolumeSize',
  'dockerStorageDriver',
  'dnsNameserver',
  'apiserverPort',
  'labels',
  'httpProxy',
  'httpsProxy',
  'noProxy',
  'insecureRegistry',
  'registryEnabled',
  'tlsDisabled',
  'public',
  'hidden',
  'masterLbEnabled',
  'floatingIpEnabled',
  'serverType',
  'clusterDistro',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof ClusterTemplate)[]

/** Fields a JSON Patch `remove` may not touch (Magnum's `_blacklist` for template PATCH). */
export const NON_REMOVABLE_TEMPLATE_FIELDS = [
  'networkDriver',
  'externalNetworkId',
  'tlsDisabled',
  'public',
  'serverType',
  'coe',
  'registryEnabled',
  'clusterDistro',
  'hidden',
  'imageId',
] as const satisfies readonly (keyof ClusterTemplate)[]

/** Fields no update may change at all. */
export const IMMUTABLE_TEMPLATE_FIELDS = ['uuid', 'projectId', 'userId', 'createdAt', 'updatedAt'] as const

/** ClusterTemplate → Magnum's JSON (snake_case; `dns_nameserver` joined with commas). */
export function clusterTemplateToWire(template: Partial<ClusterTemplate>): WireObject {
  const wire = pickToWire(template, CLUSTER_TEMPLATE_FIELDS)
  if (template.dnsNameserver !== undefined) wire.dns_nameserver = template.dnsNameserver.join(',')
  return wire
}

/**
 * Magnum's JSON → a partial ClusterTemplate, without validation (run `validateClusterTemplate`
 * on input from callers). `dns_nameserver` is split on commas.
 */
export function clusterTemplateFromWire(wire: WireObject): Partial<ClusterTemplate> {
  const model = pickFromWire(wire, CLUSTER_TEMPLATE_FIELDS) as Partial<ClusterTemplate>
  const dns: unknown = wire.dns_nameserver
  if (typeof dns === 'string') model.dnsNameserver = splitList(dns)
  else if (dns === null) delete model.dnsNameserver
  return model
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
