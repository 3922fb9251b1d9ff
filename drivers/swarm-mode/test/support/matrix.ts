import type { ContextOptions } from './context.js'

/** Cluster templates the golden tests cover, each named after what it changes. */
export const GOLDEN_CASES: Record<string, ContextOptions> = {
  'defaults: 1 master, 1 node, floating IPs, no LB, no volume': {},
  '3 masters behind an Octavia LB, 5 nodes': { template: { masterLbEnabled: true }, masters: 3, nodes: 5 },
  'master LB without Octavia (Neutron LBaaS v2)': { template: { masterLbEnabled: true }, octavia: false },
  'floating IPs off': { template: { floatingIpEnabled: false } },
  'floating IPs off, LB with master_lb_floating_ip_enabled=true': {
    template: { floatingIpEnabled: false, masterLbEnabled: true },
    labels: { master_lb_floating_ip_enabled: 'true' },
  },
  'LB with master_lb_floating_ip_enabled=false': {
    template: { masterLbEnabled: true },
    labels: { master_lb_floating_ip_enabled: 'false' },
  },
  'docker volume 10 GB with a volume type label': {
    template: { dockerVolumeSize: 10 },
    labels: { docker_volume_type: 'ssd' },
  },
  'existing network and subnet': { template: { fixedNetwork: 'net-1', fixedSubnet: 'subnet-1' } },
  'TLS disabled, proxies, two DNS servers': {
    template: {
      tlsDisabled: true,
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://proxy:3128',
      noProxy: 'localhost,10.0.0.0/8',
      dnsNameserver: ['1.1.1.1', '9.9.9.9'],
    },
  },
  'rexray, availability zone, cluster_user_trust and operator config': {
    template: { volumeDriver: 'rexray', dockerVolumeSize: 5, dockerStorageDriver: 'overlay2' },
    labels: { rexray_preempt: 'true', availability_zone: 'nova-2' },
    config: {
      clusterUserTrust: true,
      defaultDockerVolumeType: 'standard',
      nodesAffinityPolicy: 'anti-affinity',
      verifyCa: false,
    },
  },
}

/** Magnum's swarm-mode environment groups, in order: privnet, volume, lb, fip, lbfip. */
export const SWARM_ENVIRONMENT_GROUPS = [
  ['with_private_network', 'no_private_network'],
  ['with_volume', 'no_volume'],
  ['no_master_lb', 'with_master_lb', 'with_master_lb_octavia'],
  ['enable_floating_ip', 'disable_floating_ip'],
  ['enable_lb_floating_ip', 'disable_lb_floating_ip'],
]

/** Every choice of one file per group, in group order (`environments/<name>.yaml`). */
export function environmentCombinations(groups: string[][]): string[][] {
  return groups.reduce<string[][]>(
    (acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, `environments/${o}.yaml`])),
    [[]],
  )
}
