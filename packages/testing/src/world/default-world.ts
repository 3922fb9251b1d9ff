import type { WorldSpec } from './types.js'

/**
 * The default world, devstack-like: admin and demo projects and users (password `secret`),
 * Magnum's trustee domain and its admin, flavors m1.small and m1.medium, images
 * `fedora-atomic-latest` and `ubuntu-mesos`, an external network `public` with a floating-IP
 * pool, demo's `private` network behind `router1`, volume type `lvmdriver-1`, and a key pair.
 * Returns a fresh copy each time, so callers may change it.
 */
export function defaultWorld(): WorldSpec {
  return {
    region: 'RegionOne',
    domains: [
      { name: 'Default', id: 'default', description: 'The default domain' },
      { name: 'magnum', description: 'Owns users and projects created by magnum' },
    ],
    projects: [
      { name: 'admin', description: 'Bootstrap project for initializing the cloud.' },
      { name: 'demo' },
    ],
    roles: ['admin', 'member', 'reader', 'heat_stack_owner'],
    users: [
      {
        name: 'admin',
        password: 'secret',
        defaultProject: 'admin',
        roles: { admin: ['admin', 'member', 'reader'], demo: ['admin', 'member', 'reader'] },
      },
      {
        name: 'demo',
        password: 'secret',
        defaultProject: 'demo',
        roles: { demo: ['member', 'reader', 'heat_stack_owner'] },
      },
      {
        name: 'magnum_domain_admin',
        password: 'secret',
        domain: 'magnum',
        domainRoles: { magnum: ['admin'] },
      },
    ],
    flavors: [
      { id: '2', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
      { id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 },
    ],
    images: [
      {
        name: 'fedora-atomic-latest',
        visibility: 'public',
        properties: { os_distro: 'fedora-atomic', hw_rng_model: 'virtio' },
      },
      { name: 'ubuntu-mesos', visibility: 'public', properties: { os_distro: 'ubuntu' } },
    ],
    networks: [
      {
        name: 'public',
        external: true,
        subnets: [
          {
            name: 'public-subnet',
            cidr: '172.24.4.0/24',
            gatewayIp: '172.24.4.1',
            allocationPools: [{ start: '172.24.4.2', end: '172.24.4.254' }],
          },
        ],
      },
      {
        name: 'private',
        project: 'demo',
        subnets: [{ name: 'private-subnet', cidr: '10.0.0.0/26', dnsNameservers: ['8.8.8.8'] }],
      },
    ],
    routers: [{ name: 'router1', project: 'demo', externalNetwork: 'public', subnets: ['private-subnet'] }],
    volumeTypes: [{ name: 'lvmdriver-1', default: true }],
    keypairs: [{ name: 'default', user: 'demo' }],
    availabilityZones: ['nova'],
  }
}
