import type { Image } from '@magnum-ts/compute'
import type { Network, Subnet, VolumeType } from '@magnum-ts/network'
import type { MagnumValidationError } from '../errors.js'
import type { ClusterCreateInput } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'

/** The template fields the resource checks read (a stored `ClusterTemplate` fits). */
export type ResourceTemplate = Pick<ClusterTemplate, 'imageId'> &
  Partial<
    Pick<
      ClusterTemplate,
      | 'flavorId'
      | 'masterFlavorId'
      | 'keypairId'
      | 'externalNetworkId'
      | 'fixedNetwork'
      | 'fixedSubnet'
      | 'dockerVolumeSize'
      | 'labels'
      | 'masterLbEnabled'
    >
  >

/** The cluster's own values, which win over the template's (a create input or a stored cluster fits). */
export type ResourceCluster = Partial<
  Pick<
    ClusterCreateInput,
    | 'keypair'
    | 'flavorId'
    | 'masterFlavorId'
    | 'fixedNetwork'
    | 'fixedSubnet'
    | 'dockerVolumeSize'
    | 'labels'
    | 'masterLbEnabled'
  >
>

/** Configured default volume types (Magnum's `[cinder] default_*_volume_type`). */
export interface VolumeTypeDefaults {
  docker?: string | undefined
  etcd?: string | undefined
  boot?: string | undefined
}

/** What the deployment around the template requires of the cloud. */
export interface ResourceNeeds {
  /** Check the keypair. Default: only when a cluster is given (Magnum checks it on cluster create only). */
  keypair?: boolean
  /** The certificate store spec (`barbican`, `local:DIR`, `store`); `barbican` needs `key-manager`. */
  certStore?: string | undefined
  /** Volume types to use when the labels name none, before Cinder's default. */
  volumeTypeDefaults?: VolumeTypeDefaults
}

export interface ValidateResourcesOptions {
  template: ResourceTemplate
  cluster?: ResourceCluster | undefined
  needs?: ResourceNeeds
  signal?: AbortSignal
}

/** The volume a volume type is resolved for, with the label naming its size and type. */
export type VolumeKind = 'docker' | 'etcd' | 'boot'

/** Everything the checks resolved, for driver selection and stack parameters. */
export interface ResolvedResources {
  /** The image, with `osDistro` for `registry.select(serverType, osDistro, coe)`. */
  image?: Image
  flavor?: { id: string; name: string }
  masterFlavor?: { id: string; name: string }
  externalNetwork?: Network
  fixedNetwork?: Network
  fixedSubnet?: Subnet
  /** One entry per requested volume. */
  volumeTypes: Partial<Record<VolumeKind, VolumeType>>
  /** Whether `load-balancer` answers in the catalog (Magnum's `octavia_enabled`). */
  octaviaEnabled?: boolean
}

/** The result of `checkOpenStackResources`: what resolved, and every problem at once. */
export interface ResourceCheckReport {
  resolved: ResolvedResources
  errors: MagnumValidationError[]
}
