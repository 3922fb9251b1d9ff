export type {
  ClusterConfig,
  ClusterConfigRequest,
  ClusterContext,
  ClusterCredentials,
  ClusterDriver,
  ClusterNodeCredential,
  ClusterTrustCredential,
  ClusterType,
  DriverDescriptor,
  DriverRules,
  Health,
  ScaleChange,
  StackOutputs,
  StackRequest,
  ValidationContext,
} from './contract.js'
export { isClusterDriver, nodeCredential } from './contract.js'
export { nodeCredentialParameters } from './credential-parameters.js'
export {
  labelBoolean,
  labelInteger,
  labelJsonObject,
  labelList,
  labelOneOf,
  labelSubsetOf,
} from './label-checks.js'
export { type Problem, problemToError } from './problem.js'
export { createDriverRegistry, type DriverRegistry, type DriverRegistryOptions } from './registry.js'
