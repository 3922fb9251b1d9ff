export {
  CLUSTER_UPDATABLE_FIELDS,
  type ClusterCreateOptions,
  type ResolvedClusterCreate,
  resolveClusterCreate,
  validateClusterCreateInput,
  validateClusterUpdate,
} from './cluster.js'
export {
  changedTemplateFields,
  isTemplateListed,
  isTemplateReadable,
  type TemplateUpdateOptions,
  type TemplateValidationOptions,
  type TemplateValidationResult,
  validateClusterTemplate,
  validateClusterTemplateDelete,
  validateClusterTemplateUpdate,
} from './cluster-template.js'
export {
  resolveNetworkDriver,
  rulesFor,
  validateCoe,
  validateServerType,
  validateVolumeDriver,
} from './coe.js'
export { resolveCreateTimeout, validateMasterLb, validateNodeCount } from './counts.js'
export { parseDnsNameservers } from './dns.js'
export { effectiveLabels, normaliseLabels } from './labels.js'
export {
  CLUSTER_NAME_MAX_LENGTH,
  CLUSTER_NAME_PATTERN,
  TEMPLATE_NAME_MAX_LENGTH,
  validateClusterName,
  validateTemplateName,
} from './names.js'
export {
  type NodeGroupCreateInput,
  NodeGroupInvalidInputError,
  validateNodeGroupCreate,
  validateNodeGroupDelete,
  validateNodeGroupUpdate,
  validateResize,
} from './nodegroup.js'
export { validateQuota, validateStatsType } from './quota.js'
export {
  DEVICEMAPPER_MIN_VOLUME_SIZE,
  parseDockerVolumeSize,
  validateApiserverPort,
  validateDevicemapperVolume,
} from './storage.js'
