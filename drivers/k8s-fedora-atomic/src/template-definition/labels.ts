import type { Labels } from '@magnum-ts/core'

/**
 * Labels sent on every create, `null` when unset (Heat then uses the template's default), as
 * Magnum's k8s template definition does.
 */
export const ALWAYS_SENT_LABELS = [
  'flannel_network_cidr',
  'flannel_backend',
  'flannel_network_subnetlen',
  'system_pods_initial_delay',
  'system_pods_timeout',
  'admission_control_list',
  'prometheus_monitoring',
  'grafana_admin_passwd',
  'kube_dashboard_enabled',
  'etcd_volume_size',
  'cert_manager_api',
  'ingress_controller_role',
  'octavia_ingress_controller_tag',
  'kubelet_options',
  'kubeapi_options',
  'kubeproxy_options',
  'kubecontroller_options',
  'kubescheduler_options',
  'influx_grafana_dashboard_enabled',
] as const

/** Labels sent only when set to a non-empty value (kubecluster.yaml has their defaults). */
export const TRUTHY_LABELS = [
  'coredns_tag',
  'kube_tag',
  'container_infra_prefix',
  'availability_zone',
  'cgroup_driver',
  'calico_tag',
  'calico_ipv4pool',
  'etcd_tag',
  'flannel_tag',
  'cloud_provider_tag',
  'heat_container_agent_tag',
  'keystone_auth_enabled',
  'k8s_keystone_auth_tag',
  'prometheus_tag',
  'grafana_tag',
  'container_runtime',
  'selinux_mode',
  'auto_healing_enabled',
  'auto_scaling_enabled',
  'auto_healing_controller',
  'magnum_auto_healer_tag',
  'autoscaler_tag',
  'npd_enabled',
  'node_problem_detector_tag',
  'min_node_count',
  'max_node_count',
  'ostree_remote',
  'ostree_commit',
  // Add-ons (fragments/addon-*.sh).
  'dns_service_ip',
  'dns_cluster_domain',
  'kube_dashboard_version',
  'traefik_ingress_controller_tag',
  'nginx_ingress_controller_tag',
] as const

/** The Kubernetes version the templates install when no `kube_tag` label says otherwise. */
export const DEFAULT_KUBE_TAG = 'v1.15.7'
export const DEFAULT_FLANNEL_NETWORK_CIDR = '10.100.0.0/16'
export const DEFAULT_CALICO_IPV4POOL = '192.168.0.0/16'

/** The label parameters: the always-sent ones (null when unset) and the set truthy ones. */
export function labelParameters(labels: Labels): Record<string, string | null> {
  const params: Record<string, string | null> = {}
  for (const key of ALWAYS_SENT_LABELS) params[key] = labels[key] ?? null
  for (const key of TRUTHY_LABELS) {
    const value = labels[key]
    if (value) params[key] = value
  }
  return params
}

/** A label read as oslo's `bool_from_string` does; `fallback` when the label is unset. */
export function labelTrue(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(value.trim().toLowerCase())
}
