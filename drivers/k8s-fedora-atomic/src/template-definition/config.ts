/**
 * Operator settings the k8s template definition reads from `ClusterContext.config` (Magnum's
 * option in brackets). Unset keys take Magnum's default.
 */
export interface K8sDriverConfig {
  /** `[cluster] etcd_discovery_service_endpoint_format`; `%(size)d` becomes the master count. */
  etcdDiscoveryUrl: string
  /** `[trust] cluster_user_trust`: send `trust_id` and default `cloud_provider_enabled` to true. */
  clusterUserTrust: boolean
  /** `[drivers] verify_ca`. */
  verifyCa: boolean
  /** `[drivers] openstack_ca_file`, already read: the PEM the nodes trust for OpenStack APIs. */
  openstackCa: string
  /** `[cluster] nodes_affinity_policy`. */
  nodesAffinityPolicy: string
  /** `[cinder] default_docker_volume_type`, `default_etcd_volume_type`, `default_boot_volume_type`. */
  defaultDockerVolumeType: string | undefined
  defaultEtcdVolumeType: string | undefined
  defaultBootVolumeType: string | undefined
  /** Cinder's default (or first) volume type, which core looks up; the last fallback for the three above. */
  cinderDefaultVolumeType: string | undefined
  /** The keystone-auth policy document (JSON text) sent as `keystone_auth_default_policy`. */
  keystoneAuthDefaultPolicy: string | undefined
  /** The name of the cluster's `fixed_network` when core resolved a UUID to its name. */
  fixedNetworkName: string | undefined
  /** `update_max_batch_size` for upgrades (Magnum's upgrade `max_batch_size`, default 1). */
  upgradeMaxBatchSize: number
}

const DEFAULTS: K8sDriverConfig = {
  etcdDiscoveryUrl: 'https://discovery.etcd.io/new?size=%(size)d',
  clusterUserTrust: false,
  verifyCa: true,
  openstackCa: '',
  nodesAffinityPolicy: 'soft-anti-affinity',
  defaultDockerVolumeType: undefined,
  defaultEtcdVolumeType: undefined,
  defaultBootVolumeType: undefined,
  cinderDefaultVolumeType: undefined,
  keystoneAuthDefaultPolicy: undefined,
  fixedNetworkName: undefined,
  upgradeMaxBatchSize: 1,
}

/** The driver's settings: `config` values of the right type, Magnum's defaults for the rest. */
export function k8sDriverConfig(config: Readonly<Record<string, unknown>>): K8sDriverConfig {
  const out: Record<string, unknown> = { ...DEFAULTS }
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    const value = config[key]
    if (value === undefined || value === null || value === '') continue
    if (fallback === undefined ? typeof value === 'string' : typeof value === typeof fallback)
      out[key] = value
  }
  return out as unknown as K8sDriverConfig
}
