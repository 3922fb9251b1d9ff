export type {
  ClusterConfig,
  ClusterContext,
  ClusterCredentials,
  ClusterDriver,
  ClusterType,
  DriverDescriptor,
  DriverRules,
  Health,
  ScaleChange,
  StackOutputs,
  StackRequest,
  ValidationContext,
} from './contract.js'
export { isClusterDriver } from './contract.js'
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
