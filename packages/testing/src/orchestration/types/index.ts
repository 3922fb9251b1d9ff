import { heatResourceGroup } from './group.js'
import {
  heatMultipartMime,
  heatNone,
  heatRandomString,
  heatSoftwareConfig,
  heatSoftwareDeployment,
  heatTestResource,
  heatValue,
  heatWaitCondition,
  heatWaitConditionHandle,
} from './heat.js'
import {
  neutronFloatingIp,
  neutronFloatingIpAssociation,
  neutronNet,
  neutronPort,
  neutronRouter,
  neutronRouterInterface,
  neutronSecurityGroup,
  neutronSubnet,
} from './neutron.js'
import { novaServer, novaServerGroup } from './nova.js'
import {
  cinderVolume,
  cinderVolumeAttachment,
  octaviaHealthMonitor,
  octaviaListener,
  octaviaLoadBalancer,
  octaviaPool,
  octaviaPoolMember,
} from './octavia.js'
import type { ResourceType } from './registry.js'

export { templateFileFor, templateResource } from './nested.js'

/** The resource types the fake Heat knows, by Heat's type name. */
export const resourceTypes: Record<string, ResourceType> = {
  'OS::Nova::Server': novaServer,
  'OS::Nova::ServerGroup': novaServerGroup,
  'OS::Neutron::Net': neutronNet,
  'OS::Neutron::Subnet': neutronSubnet,
  'OS::Neutron::Router': neutronRouter,
  'OS::Neutron::RouterInterface': neutronRouterInterface,
  'OS::Neutron::Port': neutronPort,
  'OS::Neutron::FloatingIP': neutronFloatingIp,
  'OS::Neutron::FloatingIPAssociation': neutronFloatingIpAssociation,
  'OS::Neutron::SecurityGroup': neutronSecurityGroup,
  'OS::Octavia::LoadBalancer': octaviaLoadBalancer,
  'OS::Octavia::Listener': octaviaListener,
  'OS::Octavia::Pool': octaviaPool,
  'OS::Octavia::PoolMember': octaviaPoolMember,
  'OS::Octavia::HealthMonitor': octaviaHealthMonitor,
  'OS::Cinder::Volume': cinderVolume,
  'OS::Cinder::VolumeAttachment': cinderVolumeAttachment,
  'OS::Heat::ResourceGroup': heatResourceGroup,
  'OS::Heat::SoftwareConfig': heatSoftwareConfig,
  'OS::Heat::StructuredConfig': heatSoftwareConfig,
  'OS::Heat::CloudConfig': heatSoftwareConfig,
  'OS::Heat::SoftwareDeployment': heatSoftwareDeployment,
  'OS::Heat::StructuredDeployment': heatSoftwareDeployment,
  'OS::Heat::SoftwareDeploymentGroup': heatSoftwareDeployment,
  'OS::Heat::MultipartMime': heatMultipartMime,
  'OS::Heat::WaitCondition': heatWaitCondition,
  'OS::Heat::WaitConditionHandle': heatWaitConditionHandle,
  'OS::Heat::RandomString': heatRandomString,
  'OS::Heat::None': heatNone,
  'OS::Heat::Value': heatValue,
  'OS::Heat::TestResource': heatTestResource,
}
