import {
  type ClusterContext,
  type NodeGroup,
  nodeCredentialParameters,
  RequiredParameterMissingError,
} from '@magnum-ts/core'
import { dockerVolumeSize } from './environments.js'

/**
 * The Heat parameters of `swarmcluster.yaml` (Magnum's `swarm_fedora_atomic_v2` template
 * definition): template and cluster attributes, nodegroup counts, labels, catalog endpoints and
 * the node credential (trustee or application credential). Unset optional values are left out, so the template's defaults apply; unset
 * label extras are sent as null, as Magnum does.
 */
export function swarmParameters(ctx: ClusterContext): Record<string, unknown> {
  const { cluster, clusterTemplate: ct, labels, config } = ctx
  const master = defaultNodeGroup(ctx, 'master')
  const worker = defaultNodeGroup(ctx, 'worker')
  const masters = master?.nodeCount ?? cluster.masterCount
  const params: Record<string, unknown> = {
    ssh_key_name: cluster.keypair,
    external_network: required(ct.externalNetworkId, 'external_network_id'),
    fixed_network: ct.fixedNetwork ?? cluster.fixedNetwork,
    fixed_subnet: ct.fixedSubnet ?? cluster.fixedSubnet,
    dns_nameserver: ct.dnsNameserver?.join(','),
    http_proxy: ct.httpProxy,
    https_proxy: ct.httpsProxy,
    no_proxy: ct.noProxy,
    tls_disabled: ct.tlsDisabled,
    volume_driver: ct.volumeDriver ?? '',
    docker_storage_driver: ct.dockerStorageDriver,
    cluster_uuid: cluster.uuid,
    master_image: master?.imageId ?? ct.imageId,
    master_flavor: master?.flavorId ?? cluster.masterFlavorId ?? ct.masterFlavorId,
    number_of_masters: masters,
    number_of_secondary_masters: masters - 1,
    node_image: worker?.imageId ?? ct.imageId,
    node_flavor: worker?.flavorId ?? cluster.flavorId ?? ct.flavorId,
    number_of_nodes: worker?.nodeCount ?? cluster.nodeCount,
    docker_volume_size: dockerVolumeSize(ctx),
    // Seed 000: an empty type fails at the Cinder volume ("The VolumeType () could not be
    // found"), so Cinder's default type (looked up by core) is the last resort.
    docker_volume_type:
      labels.docker_volume_type ??
      stringConfig(config.defaultDockerVolumeType) ??
      stringConfig(config.cinderDefaultVolumeType) ??
      '',
    magnum_url: ctx.endpoints.magnumUrl,
    auth_url: keystoneV3(ctx.endpoints.authUrl),
    rexray_preempt: labels.rexray_preempt ?? 'false',
    availability_zone: labels.availability_zone ?? null,
    nodes_affinity_policy: stringConfig(config.nodesAffinityPolicy) ?? 'soft-anti-affinity',
    // The trustee and trust (the trust id only with [trust]cluster_user_trust, as Magnum does),
    // or the application credential.
    ...nodeCredentialParameters(ctx),
    verify_ca: config.verifyCa !== false,
    openstack_ca: stringConfig(config.openstackCa) ?? '',
  }
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
}

/** The cluster's default nodegroup of a role. */
export function defaultNodeGroup(ctx: ClusterContext, role: 'master' | 'worker'): NodeGroup | undefined {
  return ctx.nodeGroups.find((n) => n.role === role && n.isDefault)
}

/** Keystone's public endpoint as Heat's nodes need it: ending in `/v3`. */
export function keystoneV3(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '')
  return base.endsWith('/v3') ? base : `${base}/v3`
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new RequiredParameterMissingError({
      field,
      message: `the cluster template has no ${field}, which the swarm-mode stack requires`,
      fix: `set ${field} on the cluster template`,
    })
  }
  return value
}

function stringConfig(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
