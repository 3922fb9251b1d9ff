import type { HotTemplate } from '@magnum-ts/orchestration'

/** A node: a port on the private subnet, a server on it, a floating IP and a pool member. */
export const nodeTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: {
    network: { type: 'string' },
    subnet: { type: 'string' },
    security_group: { type: 'string' },
    pool: { type: 'string' },
    name: { type: 'string' },
  },
  resources: {
    port: {
      type: 'OS::Neutron::Port',
      properties: {
        network: { get_param: 'network' },
        fixed_ips: [{ subnet: { get_param: 'subnet' } }],
        security_groups: [{ get_param: 'security_group' }],
      },
    },
    server: {
      type: 'OS::Nova::Server',
      properties: {
        name: { get_param: 'name' },
        image: 'fedora-atomic-latest',
        flavor: 'm1.small',
        networks: [{ port: { get_resource: 'port' } }],
      },
    },
    fip: {
      type: 'OS::Neutron::FloatingIP',
      properties: { floating_network: 'public', port_id: { get_resource: 'port' } },
    },
    member: {
      type: 'OS::Octavia::PoolMember',
      properties: {
        pool: { get_param: 'pool' },
        address: { get_attr: ['server', 'first_address'] },
        protocol_port: 6443,
        subnet: { get_param: 'subnet' },
      },
    },
  },
  outputs: {
    ip: { value: { get_attr: ['server', 'first_address'] } },
    floating_ip: { value: { get_attr: ['fip', 'floating_ip_address'] } },
    server_id: { value: { get_resource: 'server' } },
  },
}

/** A cluster: network, subnet, router, security group, load balancer and a group of nodes. */
export const clusterTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'mini cluster',
  parameters: {
    node_count: { type: 'number', default: 3, constraints: [{ range: { min: 0, max: 10 } }] },
    removal_list: { type: 'comma_delimited_list', default: '' },
    cidr: { type: 'string', default: '10.0.0.0/24' },
  },
  resources: {
    network: { type: 'OS::Neutron::Net', properties: { name: 'private' } },
    subnet: {
      type: 'OS::Neutron::Subnet',
      properties: { network: { get_resource: 'network' }, cidr: { get_param: 'cidr' } },
    },
    router: {
      type: 'OS::Neutron::Router',
      properties: { external_gateway_info: { network: 'public' } },
    },
    router_interface: {
      type: 'OS::Neutron::RouterInterface',
      properties: { router: { get_resource: 'router' }, subnet: { get_resource: 'subnet' } },
    },
    secgroup: {
      type: 'OS::Neutron::SecurityGroup',
      properties: { rules: [{ protocol: 'tcp', port_range_min: 22, port_range_max: 22 }] },
    },
    loadbalancer: {
      type: 'OS::Octavia::LoadBalancer',
      properties: { vip_subnet: { get_resource: 'subnet' } },
    },
    listener: {
      type: 'OS::Octavia::Listener',
      properties: { loadbalancer: { get_resource: 'loadbalancer' }, protocol: 'TCP', protocol_port: 6443 },
    },
    pool: {
      type: 'OS::Octavia::Pool',
      properties: { listener: { get_resource: 'listener' }, protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
    },
    nodes: {
      type: 'OS::Heat::ResourceGroup',
      depends_on: 'router_interface',
      properties: {
        count: { get_param: 'node_count' },
        removal_policies: [{ resource_list: { get_param: 'removal_list' } }],
        resource_def: {
          type: 'node.yaml',
          properties: {
            name: { list_join: ['-', [{ get_param: 'OS::stack_name' }, 'node', '%index%']] },
            network: { get_resource: 'network' },
            subnet: { get_resource: 'subnet' },
            security_group: { get_resource: 'secgroup' },
            pool: { get_resource: 'pool' },
          },
        },
      },
    },
  },
  outputs: {
    node_ips: { value: { get_attr: ['nodes', 'ip'] } },
    node_floating_ips: { value: { get_attr: ['nodes', 'floating_ip'] } },
    node_server_ids: { value: { get_attr: ['nodes', 'server_id'] } },
    first_node_ip: { value: { get_attr: ['nodes', 'resource.0', 'ip'] } },
    api_address: { value: { get_attr: ['loadbalancer', 'vip_address'] } },
  },
}
