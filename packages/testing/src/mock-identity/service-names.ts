/** The names real clouds give each service type in the catalog (what `openstack catalog list` shows). */
const serviceNames: Record<string, string> = {
  identity: 'keystone',
  compute: 'nova',
  image: 'glance',
  network: 'neutron',
  'load-balancer': 'octavia',
  'block-storage': 'cinder',
  volumev3: 'cinderv3',
  'key-manager': 'barbican',
  orchestration: 'heat',
  'container-infra': 'magnum',
  placement: 'placement',
}

/** The catalog name for a service type, the type itself when unknown. */
export function serviceNameFor(type: string): string {
  return serviceNames[type] ?? type
}
