import { type ClusterContext, nodeCredentialParameters, RequiredParameterMissingError } from '@magnum-ts/core'

/**
 * The Heat parameters of `mesoscluster.yaml` (Magnum's `mesos_ubuntu_v1` template definition).
 * `tenant_name` is the project id, as in Magnum. Unset labels are sent as null (the template's
 * default applies); other unset values are left out.
 */
export function mesosParameters(ctx: ClusterContext): Record<string, unknown> {
  const { cluster, clusterTemplate: ct, labels, config, context } = ctx
  const byRole = (role: string) => ctx.nodeGroups.find((n) => n.role === role && n.isDefault)
  const master = byRole('master')
  const slave = byRole('worker')
  if (!ct.externalNetworkId) {
    throw new RequiredParameterMissingError({
      field: 'external_network_id',
      message: 'the cluster template has no external_network_id, which the mesos stack requires',
      fix: 'set external_network_id on the cluster template',
    })
  }
  const authUrl = ctx.endpoints.authUrl.replace(/\/+$/, '')
  const params: Record<string, unknown> = {
    ssh_key_name: cluster.keypair,
    external_network: ct.externalNetworkId,
    fixed_network: ct.fixedNetwork ?? cluster.fixedNetwork,
    fixed_subnet: ct.fixedSubnet ?? cluster.fixedSubnet,
    dns_nameserver: ct.dnsNameserver?.join(','),
    http_proxy: ct.httpProxy,
    https_proxy: ct.httpsProxy,
    no_proxy: ct.noProxy,
    volume_driver: ct.volumeDriver ?? '',
    cluster_name: cluster.name,
    master_image: master?.imageId ?? ct.imageId,
    master_flavor: master?.flavorId ?? cluster.masterFlavorId ?? ct.masterFlavorId,
    number_of_masters: master?.nodeCount ?? cluster.masterCount,
    slave_image: slave?.imageId ?? ct.imageId,
    slave_flavor: slave?.flavorId ?? cluster.flavorId ?? ct.flavorId,
    number_of_slaves: slave?.nodeCount ?? cluster.nodeCount,
    auth_url: authUrl.endsWith('/v3') ? authUrl : `${authUrl}/v3`,
    username: context.userName,
    tenant_name: context.projectId,
    domain_name: context.domainName,
    region_name: ctx.endpoints.regionName,
    rexray_preempt: labels.rexray_preempt ?? 'false',
    mesos_slave_isolation: labels.mesos_slave_isolation ?? null,
    mesos_slave_image_providers: labels.mesos_slave_image_providers ?? null,
    mesos_slave_work_dir: labels.mesos_slave_work_dir ?? null,
    mesos_slave_executor_env_variables: labels.mesos_slave_executor_env_variables ?? null,
    nodes_affinity_policy:
      typeof config.nodesAffinityPolicy === 'string' ? config.nodesAffinityPolicy : 'soft-anti-affinity',
    ...nodeCredentialParameters(ctx),
    verify_ca: config.verifyCa !== false,
    openstack_ca: typeof config.openstackCa === 'string' ? config.openstackCa : '',
  }
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
}
