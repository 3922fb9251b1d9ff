export { LoadBalancerFailedError, NotExternalNetworkError, WaitTimeoutError } from './errors.js'
export { hasNetworkExtension, listNetworkExtensions, type NetworkExtension } from './extensions/extensions.js'
export {
  associateFloatingIp,
  type CreateFloatingIpOptions,
  createFloatingIp,
  deleteFloatingIp,
  disassociateFloatingIp,
  type FloatingIp,
  getFloatingIp,
  listFloatingIps,
} from './floating-ips/floating-ips.js'
export {
  type CreateHealthMonitorOptions,
  createHealthMonitor,
  deleteHealthMonitor,
  getHealthMonitor,
  listHealthMonitors,
} from './load-balancers/health-monitors.js'
export {
  type CreateListenerOptions,
  createListener,
  deleteListener,
  getListener,
  listListeners,
} from './load-balancers/listeners.js'
export {
  createLoadBalancer,
  deleteLoadBalancer,
  getLoadBalancer,
  listLoadBalancers,
} from './load-balancers/load-balancers.js'
export {
  type CreateMemberOptions,
  createMember,
  deleteMember,
  getMember,
  listMembers,
} from './load-balancers/members.js'
export { type CreatePoolOptions, createPool, deletePool, getPool, listPools } from './load-balancers/pools.js'
export type {
  CreateLoadBalancerOptions,
  HealthMonitor,
  Listener,
  ListLoadBalancersOptions,
  LoadBalancer,
  Member,
  Pool,
  WaitForLoadBalancerOptions,
} from './load-balancers/types.js'
export { waitForLoadBalancer } from './load-balancers/wait.js'
export {
  createNetwork,
  deleteNetwork,
  findExternalNetwork,
  findNetwork,
  getNetwork,
  listNetworks,
} from './networks/networks.js'
export type { CreateNetworkOptions, ListNetworksOptions, Network } from './networks/types.js'
export {
  type CreatePortOptions,
  createPort,
  deletePort,
  getPort,
  type ListPortsOptions,
  listPorts,
  type Port,
} from './ports/ports.js'
export {
  getNetworkQuota,
  getNetworkQuotaDetails,
  type NetworkQuota,
  type QuotaDetail,
} from './quotas/quotas.js'
export {
  addRouterInterface,
  type CreateRouterOptions,
  createRouter,
  deleteRouter,
  getRouter,
  listRouters,
  type Router,
  type RouterInterface,
  type RouterInterfaceOptions,
  removeRouterInterface,
} from './routers/routers.js'
export {
  type CreateSecurityGroupRuleOptions,
  createSecurityGroup,
  createSecurityGroupRule,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
  getSecurityGroup,
  listSecurityGroupRules,
  listSecurityGroups,
  type SecurityGroup,
  type SecurityGroupRule,
} from './security-groups/security-groups.js'
export {
  type CreateSubnetOptions,
  createSubnet,
  deleteSubnet,
  getSubnet,
  type ListSubnetsOptions,
  listSubnets,
  type Subnet,
} from './subnets/subnets.js'
export {
  defaultVolumeType,
  findVolumeType,
  getVolumeType,
  listVolumeTypes,
  type VolumeType,
} from './volume-types/volume-types.js'
export {
  deleteVolume,
  getVolume,
  type ListVolumesOptions,
  listVolumes,
  type Volume,
} from './volumes/volumes.js'
