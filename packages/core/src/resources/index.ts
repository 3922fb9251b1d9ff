export {
  type CheckedResource,
  DuplicateResourceError,
  ExternalNetworkNotFoundError,
  FixedNetworkNotFoundError,
  FixedSubnetNotFoundError,
  FlavorNotFoundError,
  ImageNotAuthorizedError,
  ImageNotFoundError,
  KeyPairNotFoundError,
  OpenStackResourceError,
  OsDistroFieldNotFoundError,
  ServiceNotInCatalogError,
  VolumeTypeNotFoundError,
} from './errors.js'
export type {
  ResolvedResources,
  ResourceCheckReport,
  ResourceCluster,
  ResourceNeeds,
  ResourceTemplate,
  ValidateResourcesOptions,
  VolumeKind,
  VolumeTypeDefaults,
} from './types.js'
export { checkOpenStackResources, validateOpenStackResources } from './validate.js'
export { requestedVolumes } from './volume-types.js'
