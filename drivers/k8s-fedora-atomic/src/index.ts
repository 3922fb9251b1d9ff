export { KEYSTONE_EXEC_API_VERSION, k8sClusterConfig } from './cluster-config.js'
export { k8sFedoraAtomicDescriptor } from './descriptor.js'
export {
  createK8sFedoraAtomicDriver,
  type K8sFedoraAtomicDriverOptions,
  k8sFedoraAtomicDriver,
} from './driver.js'
export { HEALTH_REQUEST_TIMEOUT_MS, isApiReachable, k8sHealth } from './health.js'
export {
  type ClusterStackJoin,
  k8sNodeGroupStackRequest,
  readClusterStackJoin,
} from './nodegroup-stack.js'
export { readK8sOutputs } from './outputs.js'
export {
  DEFAULT_PRE_DELETE_LB_POLL_INTERVAL_MS,
  DEFAULT_PRE_DELETE_LB_TIMEOUT_SECONDS,
  deleteClusterLoadBalancers,
  isClusterLoadBalancer,
  PreDeletionFailedError,
} from './pre-delete.js'
export { k8sScaleParameters } from './scale.js'
export { k8sStackRequest } from './stack-request.js'
export { type K8sDriverConfig, k8sDriverConfig } from './template-definition/config.js'
export {
  type DiscoveryFetcher,
  discoveryUrl,
  fetchDiscovery,
  InvalidClusterSizeError,
  InvalidDiscoveryUrlError,
} from './template-definition/discovery.js'
export { k8sEnvironmentFiles } from './template-definition/environment.js'
export {
  ALWAYS_SENT_LABELS,
  DEFAULT_KUBE_TAG,
  labelParameters,
  TRUTHY_LABELS,
} from './template-definition/labels.js'
export {
  type K8sStackKind,
  k8sClusterParameters,
  type ParameterDeps,
} from './template-definition/parameters.js'
export { serviceAccountKeyPair } from './template-definition/service-account.js'
export { volumeType } from './template-definition/volume-types.js'
export {
  ADDON_FRAGMENTS,
  CLUSTER_TEMPLATE,
  ENVIRONMENT_FILES,
  NESTED_FILES,
  readTemplateFile,
  templateFiles,
} from './templates.js'
export { compareVersions, k8sUpgradeParameters } from './upgrade.js'
export { FLANNEL_BACKENDS, validateK8s } from './validate.js'
export { INGRESS_CONTROLLERS } from './validate-addons.js'
