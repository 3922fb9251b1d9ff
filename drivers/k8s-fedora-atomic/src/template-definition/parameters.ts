import {
  type ClusterContext,
  InvalidParameterValueError,
  nodeCredential,
  nodeCredentialParameters,
  RequiredParameterMissingError,
} from '@magnum-ts/core'
import { k8sDriverConfig } from './config.js'
import { type DiscoveryFetcher, discoveryUrl } from './discovery.js'
import { dnsServiceIpFor } from './dns.js'
import { DEFAULT_CALICO_IPV4POOL, DEFAULT_FLANNEL_NETWORK_CIDR, labelParameters } from './labels.js'
import { defaultNodeGroup, dockerVolumeSize } from './sources.js'
import { volumeType } from './volume-types.js'

/** What the template definition needs besides the context: the injected side effects. */
export interface ParameterDeps {
  fetchDiscovery: DiscoveryFetcher
  serviceAccountKeys: () => Promise<{ publicKey: string; privateKey: string }>
}

/**
 * The stack the parameters are for: the cluster's own, or an extra nodegroup's (kubecluster.yaml
 * with `is_cluster_stack` false), which builds no masters and so needs no etcd discovery URL
 * and no service-account keys (the cluster stack's masters hold those).
 */
export type K8sStackKind = 'cluster' | 'nodegroup'

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const DEFAULT_SUBNET_CIDR = '10.0.0.0/24'

/**
 * Every Heat parameter of kubecluster.yaml for a new cluster, from its source (Magnum's
 * k8s_fedora_atomic_v1 template definition): mapped cluster, template and nodegroup fields
 * (unset ones are not sent), label parameters (some sent as null), and computed values. With
 * `stack: 'nodegroup'`, the base a nodegroup stack overrides (nodegroup-stack.ts).
 */
export async function k8sClusterParameters(
  ctx: ClusterContext,
  deps: ParameterDeps,
  stack: K8sStackKind = 'cluster',
): Promise<Record<string, unknown>> {
  const { cluster, clusterTemplate: ct, labels } = ctx
  const config = k8sDriverConfig(ctx.config)
  const master = defaultNodeGroup(ctx, 'master')
  const worker = defaultNodeGroup(ctx, 'worker')
  const params: Record<string, unknown> = {}
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) params[key] = value
  }

  if (!ct.externalNetworkId) {
    throw new RequiredParameterMissingError({
      field: 'external_network_id',
      message: 'the cluster template has no external network, which kubecluster.yaml requires',
      fix: 'set external_network_id on the cluster template (a network id; core resolves names)',
    })
  }

  // Base parameters (every driver).
  set('ssh_key_name', cluster.keypair)
  set('dns_nameserver', ct.dnsNameserver?.join(','))
  set('http_proxy', ct.httpProxy)
  set('https_proxy', ct.httpsProxy)
  set('number_of_masters', master.nodeCount)
  // The trustee and trust (the trust id only with clusterUserTrust), or the application credential.
  const credential = nodeCredential(ctx)
  for (const [key, value] of Object.entries(nodeCredentialParameters(ctx))) set(key, value)
  set('verify_ca', config.verifyCa)
  set('openstack_ca', config.openstackCa)
  set('auth_url', withSuffix(ctx.endpoints.authUrl, '/v3'))

  // Mapped from the cluster, its template and nodegroups.
  set('external_network', ct.externalNetworkId)
  set('fixed_network', cluster.fixedNetwork)
  set('fixed_subnet', cluster.fixedSubnet)
  set('fixed_network_name', fixedNetworkName(cluster.fixedNetwork, config.fixedNetworkName, cluster.name))
  set('network_driver', ct.networkDriver)
  set('volume_driver', ct.volumeDriver)
  set('registry_enabled', ct.registryEnabled)
  set('docker_storage_driver', ct.dockerStorageDriver)
  set('tls_disabled', ct.tlsDisabled)
  set('insecure_registry_url', ct.insecureRegistry)
  set('cluster_uuid', cluster.uuid)
  set('kube_version', cluster.coeVersion)
  set('master_flavor', master.flavorId ?? cluster.masterFlavorId ?? ct.masterFlavorId)
  set('master_image', master.imageId ?? ct.imageId)
  set('master_role', master.role)
  set('master_nodegroup_name', master.name)
  set('number_of_minions', worker.nodeCount)
  set('minion_flavor', worker.flavorId ?? cluster.flavorId ?? ct.flavorId)
  set('minion_image', worker.imageId ?? ct.imageId)
  set('worker_role', worker.role)
  set('worker_nodegroup_name', worker.name)
  const dockerSize = dockerVolumeSize(ctx)
  set('docker_volume_size', dockerSize)

  // Computed.
  set('is_cluster_stack', stack === 'cluster')
  if (stack === 'cluster') {
    set(
      'discovery_url',
      await discoveryUrl(
        cluster.discoveryUrl,
        master.nodeCount,
        config.etcdDiscoveryUrl,
        deps.fetchDiscovery,
        ctx.signal,
      ),
    )
  }
  set('magnum_url', withSuffix(ctx.endpoints.magnumUrl, '/v1'))
  if (ct.tlsDisabled) {
    set('loadbalancing_protocol', 'HTTP')
    set('kubernetes_port', 8080)
  }
  set('octavia_enabled', ctx.services.octavia)
  const subnetCidr = labels.fixed_subnet_cidr || DEFAULT_SUBNET_CIDR
  if (labels.fixed_subnet_cidr) set('fixed_subnet_cidr', labels.fixed_subnet_cidr)
  if (ct.noProxy) set('no_proxy', `${ct.noProxy},${subnetCidr}`)

  Object.assign(params, labelParameters(labels))

  const ingress = (labels.ingress_controller ?? '').toLowerCase()
  if (ingress === 'octavia' && !ctx.services.octavia) {
    throw new InvalidParameterValueError({
      field: 'labels.ingress_controller',
      message: 'Octavia service needs to be deployed for octavia ingress controller.',
      fix: 'choose another ingress_controller (e.g. traefik or nginx), or use a cloud with Octavia',
    })
  }
  set('ingress_controller', ingress)
  if (labels.service_cluster_ip_range) set('portal_network_cidr', labels.service_cluster_ip_range)
  // kubelet's --cluster-dns and CoreDNS's Service follow the portal network unless a label pins them.
  if (!labels.dns_service_ip && labels.service_cluster_ip_range)
    set('dns_service_ip', dnsServiceIpFor(labels.service_cluster_ip_range))
  if (labels.kube_tag) {
    set('kube_version', labels.kube_tag)
    set('master_kube_tag', labels.kube_tag)
    set('minion_kube_tag', labels.kube_tag)
  }
  set(
    'pods_network_cidr',
    (ct.networkDriver ?? 'flannel') === 'calico'
      ? labels.calico_ipv4pool || DEFAULT_CALICO_IPV4POOL
      : labels.flannel_network_cidr || DEFAULT_FLANNEL_NETWORK_CIDR,
  )
  set('username', ctx.context.userName)
  set('region_name', ctx.endpoints.regionName)
  set('project_id', ctx.context.projectId)
  if (stack === 'cluster') {
    const keys = await deps.serviceAccountKeys()
    set('kube_service_account_key', keys.publicKey)
    set('kube_service_account_private_key', keys.privateKey)
  }
  set('max_node_count', labels.max_node_count || worker.nodeCount + 1)
  set('keystone_auth_default_policy', config.keystoneAuthDefaultPolicy)
  set('nodes_affinity_policy', config.nodesAffinityPolicy)
  // On by default when the nodes hold credentials the cloud provider can use: the trust (only
  // handed over with clusterUserTrust) or the application credential.
  set(
    'cloud_provider_enabled',
    labels.cloud_provider_enabled ??
      String(config.clusterUserTrust || credential.kind === 'application-credential'),
  )

  const etcdSize = Number(labels.etcd_volume_size ?? 0)
  const bootSize = Number(labels.boot_volume_size ?? 0)
  set('docker_volume_type', volumeType('docker', dockerSize ?? 0, labels, config))
  set('etcd_volume_type', volumeType('etcd', etcdSize, labels, config))
  set('boot_volume_type', volumeType('boot', bootSize, labels, config))
  set('boot_volume_size', labels.boot_volume_size ?? 0)
  return params
}

/** `url` ending in `suffix` exactly once (Magnum appends /v3 and /v1 when the catalog omits them). */
function withSuffix(url: string, suffix: string): string {
  const trimmed = url.replace(/\/+$/, '')
  return trimmed.endsWith(suffix) ? trimmed : `${trimmed}${suffix}`
}

/** The network name the cloud provider needs: a given name, the resolved name of a UUID, else the cluster's name. */
function fixedNetworkName(
  fixedNetwork: string | undefined,
  resolved: string | undefined,
  clusterName: string,
): string {
  if (!fixedNetwork) return clusterName
  if (!UUID.test(fixedNetwork)) return fixedNetwork
  return resolved ?? fixedNetwork
}
