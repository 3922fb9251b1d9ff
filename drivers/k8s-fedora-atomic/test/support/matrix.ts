import type { ContextOptions } from './context.js'

/** The cluster-template matrix of the golden tests: one case per axis, plus combinations. */
export const MATRIX: Record<string, ContextOptions> = {
  'flannel, no LB, floating IPs': {},
  calico: { template: { networkDriver: 'calico' }, labels: { calico_ipv4pool: '10.200.0.0/16' } },
  'master LB (Octavia), 3 masters': { template: { masterLbEnabled: true }, masters: 3 },
  'master LB (Neutron LBaaS)': { template: { masterLbEnabled: true }, octavia: false },
  'floating IPs off': { template: { floatingIpEnabled: false } },
  'floating IPs off, LB floating IP label on': {
    template: { floatingIpEnabled: false, masterLbEnabled: true },
    labels: { master_lb_floating_ip_enabled: 'true' },
  },
  'docker volume': { template: { dockerVolumeSize: 20 } },
  'etcd volume': { labels: { etcd_volume_size: '10' } },
  'TLS disabled': { template: { tlsDisabled: true } },
  'existing private network': {
    template: { fixedNetwork: 'my-net', fixedSubnet: '7c0f5f44-8c69-4a5e-9b1e-2b9b9b0a1f01' },
  },
  'add-ons': {
    template: { volumeDriver: 'cinder' },
    config: { clusterUserTrust: true },
    labels: {
      prometheus_monitoring: 'true',
      grafana_admin_passwd: 'grafana-secret',
      ingress_controller: 'nginx',
      kube_dashboard_version: 'v1.8.3',
      service_cluster_ip_range: '10.96.0.0/12',
      dns_cluster_domain: 'k8s.example',
      keystone_auth_enabled: 'false',
    },
  },
  'everything on': {
    template: { masterLbEnabled: true, dockerVolumeSize: 10, networkDriver: 'calico' },
    masters: 3,
    nodes: 4,
    labels: {
      etcd_volume_size: '5',
      boot_volume_size: '60',
      kube_tag: 'v1.16.3',
      cloud_provider_enabled: 'true',
    },
    config: { clusterUserTrust: true },
  },
  'application credential': {
    credential: { kind: 'application-credential', id: 'appcred-1', secret: 'ap"p$cr`ed\\secret' },
    config: { clusterCredential: 'application-credential' },
  },
}

/** The six environment-file choices, each with its alternatives, in Magnum's order. */
const ENVIRONMENT_CHOICES = [
  ['no_private_network', 'with_private_network'],
  ['no_etcd_volume', 'with_etcd_volume'],
  ['no_volume', 'with_volume'],
  ['no_master_lb', 'with_master_lb', 'with_master_lb_octavia'],
  ['enable_floating_ip', 'disable_floating_ip'],
  ['enable_lb_floating_ip', 'disable_lb_floating_ip'],
]

/** Every combination of environment files (2·2·2·3·2·2 = 96), as `environments/<name>.yaml` lists. */
export function environmentCombinations(): string[][] {
  return ENVIRONMENT_CHOICES.reduce<string[][]>(
    (acc, options) => acc.flatMap((combo) => options.map((o) => [...combo, `environments/${o}.yaml`])),
    [[]],
  )
}
