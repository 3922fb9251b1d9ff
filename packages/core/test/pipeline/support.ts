import type { Session, SessionOptions } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import {
  type ClusterDriver,
  type ClusterNotification,
  createMagnum,
  type MagnumOptions,
  memoryStore,
  type Store,
  type TrusteeSettings,
} from '@magnum-ts/core'
import { createFakeCloud, defaultWorld, type FakeCloud, type WorldSpec } from '@magnum-ts/testing'

/**
 * A small but real third-party driver: one master server and a ResourceGroup of workers with
 * `removal_policies`, as Magnum's drivers build them, so the pipeline can be exercised end to
 * end on the fake cloud's mini Heat without depending on a COE driver package.
 */
export const testDriver: ClusterDriver = {
  name: 'test_vm_fedora_atomic',
  version: '1.0.0',
  containerVersion: '1.12.6',
  provides: [{ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' }],
  rules: {
    networkDrivers: ['flannel', 'calico'],
    defaultNetworkDriver: 'flannel',
    volumeDrivers: ['cinder'],
  },
  async stackRequest(ctx) {
    return {
      template: 'cluster.yaml',
      files: {
        'cluster.yaml': CLUSTER_TEMPLATE,
        'worker.yaml': WORKER_TEMPLATE,
        'env.yaml': 'resource_registry:\n  Test::Worker: worker.yaml\n',
      },
      environmentFiles: ['env.yaml'],
      parameters: {
        image: ctx.clusterTemplate.imageId,
        flavor: ctx.cluster.flavorId ?? 'm1.small',
        master_flavor: ctx.cluster.masterFlavorId ?? 'm1.small',
        number_of_minions: ctx.cluster.nodeCount,
        trustee_user_id: ctx.trust.trusteeUserId,
        trustee_password: ctx.trust.trusteePassword,
        auth_url: ctx.endpoints.authUrl,
      },
    }
  },
  // An extra nodegroup: its own ResourceGroup of workers on the cluster stack's subnet.
  async nodeGroupStackRequest(ctx, nodeGroup, clusterStack) {
    const output = (key: string) => clusterStack.outputs?.find((o) => o.output_key === key)?.output_value
    return {
      template: 'nodegroup.yaml',
      files: {
        'nodegroup.yaml': NODEGROUP_TEMPLATE,
        'worker.yaml': WORKER_TEMPLATE,
        'env.yaml': 'resource_registry:\n  Test::Worker: worker.yaml\n',
      },
      environmentFiles: ['env.yaml'],
      parameters: {
        image: nodeGroup.imageId,
        flavor: nodeGroup.flavorId ?? 'm1.small',
        number_of_minions: nodeGroup.nodeCount,
        fixed_subnet: output('fixed_subnet'),
        kube_master_ip: (output('kube_masters') as string[])[0],
        trustee_user_id: ctx.trust.trusteeUserId,
      },
    }
  },
  scaleParameters(_ctx, change) {
    return { number_of_minions: change.nodeCount, minions_to_remove: change.nodesToRemove }
  },
  readOutputs(stack) {
    const output = (key: string) => stack.outputs?.find((o) => o.output_key === key)?.output_value
    const list = (key: string) => ((output(key) as string[] | null | undefined) ?? []).filter(Boolean)
    const master = list('kube_masters')
    return {
      apiAddress: master[0] ? `https://${master[0]}:6443` : undefined,
      masterAddresses: master,
      nodeAddresses: list('kube_minions'),
      coeVersion: 'v1.30.0',
      counts: { master: master.length, worker: Number(stack.parameters.number_of_minions) },
    }
  },
  clusterConfig(cluster, credentials) {
    return {
      files: { 'ca.pem': credentials.ca, 'cert.pem': credentials.cert, 'key.pem': credentials.key },
      env: { TEST_API: cluster.apiAddress ?? '', TEST_CA: 'ca.pem' },
    }
  },
}

const CLUSTER_TEMPLATE = `heat_template_version: 2016-10-14
parameters:
  image: { type: string }
  flavor: { type: string }
  master_flavor: { type: string }
  number_of_minions: { type: number }
  minions_to_remove: { type: comma_delimited_list, default: [] }
  trustee_user_id: { type: string }
  trustee_password: { type: string, hidden: true }
  auth_url: { type: string }
  is_cluster_stack: { type: boolean, default: false }
resources:
  network:
    type: OS::Neutron::Net
  subnet:
    type: OS::Neutron::Subnet
    properties: { network: { get_resource: network }, cidr: 10.0.0.0/24 }
  kube_master:
    type: OS::Nova::Server
    properties:
      image: { get_param: image }
      flavor: { get_param: master_flavor }
      networks: [{ subnet: { get_resource: subnet } }]
  kube_minions:
    type: OS::Heat::ResourceGroup
    properties:
      count: { get_param: number_of_minions }
      removal_policies: [{ resource_list: { get_param: minions_to_remove } }]
      resource_def:
        type: Test::Worker
        properties:
          image: { get_param: image }
          flavor: { get_param: flavor }
          subnet: { get_resource: subnet }
outputs:
  kube_masters:
    value: [{ get_attr: [kube_master, first_address] }]
  kube_minions:
    value: { get_attr: [kube_minions, ip] }
  fixed_subnet:
    value: { get_resource: subnet }
`

/** An extra nodegroup's stack: workers only, joining the cluster stack's subnet. */
const NODEGROUP_TEMPLATE = `heat_template_version: 2016-10-14
parameters:
  image: { type: string }
  flavor: { type: string }
  number_of_minions: { type: number }
  minions_to_remove: { type: comma_delimited_list, default: [] }
  fixed_subnet: { type: string }
  kube_master_ip: { type: string }
  trustee_user_id: { type: string }
  is_cluster_stack: { type: boolean, default: false }
resources:
  kube_minions:
    type: OS::Heat::ResourceGroup
    properties:
      count: { get_param: number_of_minions }
      removal_policies: [{ resource_list: { get_param: minions_to_remove } }]
      resource_def:
        type: Test::Worker
        properties:
          image: { get_param: image }
          flavor: { get_param: flavor }
          subnet: { get_param: fixed_subnet }
outputs:
  kube_masters:
    value: []
  kube_minions:
    value: { get_attr: [kube_minions, ip] }
`

const WORKER_TEMPLATE = `heat_template_version: 2016-10-14
parameters:
  image: { type: string }
  flavor: { type: string }
  subnet: { type: string }
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: { get_param: image }
      flavor: { get_param: flavor }
      networks: [{ subnet: { get_param: subnet } }]
outputs:
  ip:
    value: { get_attr: [server, first_address] }
  # The member's reference is its server, so removal_policies can name servers by id (as Magnum does).
  OS::stack_id:
    value: { get_resource: server }
`

export interface PipelineFixture {
  cloud: FakeCloud
  session: Session
  store: Store
  notifications: ClusterNotification[]
  magnum: ReturnType<typeof createMagnum>
  /** Magnum's trustee domain and its admin, for more pipelines on the same cloud. */
  trustee: TrusteeSettings
}

/** How the fixture's cloud is built and seen. */
export interface FakeCloudSetup {
  /** The seeded world (default: the fake's default world). */
  world?: WorldSpec
  /** Changes how the pipeline sees the cloud (e.g. a catalog without a service). */
  wrapSession?: (session: Session) => Session
}

/** The pipeline on the fake cloud (mini Heat at 0 s per resource) and an in-memory store. */
export async function pipelineOnFakeCloud(
  overrides: Partial<MagnumOptions> | ((cloud: FakeCloud, session: Session) => Partial<MagnumOptions>) = {},
  sessionOptions: SessionOptions = {},
  setup: FakeCloudSetup = {},
): Promise<PipelineFixture> {
  const cloud = createFakeCloud({
    heat: { resourceSeconds: 0 },
    ...(setup.world ? { world: setup.world } : {}),
  })
  const plain = cloud.session(sessionOptions)
  const session = setup.wrapSession ? setup.wrapSession(plain) : plain
  // Magnum's trustee domain admin: a domain-scoped user of the `magnum` domain.
  const trustee = cloud.trusteeAdmin()
  const store = memoryStore()
  const notifications: ClusterNotification[] = []
  const magnum = createMagnum({
    session,
    store,
    drivers: [testDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee,
    notifier: (n) => {
      notifications.push(n)
    },
    ...(typeof overrides === 'function' ? overrides(cloud, session) : overrides),
  })
  return { cloud, session, store, notifications, magnum, trustee }
}

/** A Kubernetes template on the fake cloud's default world. */
export const templateInput = {
  name: 'k8s',
  coe: 'kubernetes',
  imageId: 'fedora-atomic-latest',
  flavorId: 'm1.small',
  masterFlavorId: 'm1.small',
  keypairId: 'default',
  externalNetworkId: 'public',
  networkDriver: 'flannel',
}

/**
 * The default world plus project `alt` and its member `alt` (member, reader), with a `default`
 * key pair for demo, admin and alt: for tests of one project's work seen from another.
 */
export function twoProjectsWorld(): WorldSpec {
  const world = defaultWorld()
  world.projects = [...(world.projects ?? []), { name: 'alt' }]
  world.users = [
    ...(world.users ?? []),
    { name: 'alt', password: 'secret', defaultProject: 'alt', roles: { alt: ['member', 'reader'] } },
  ]
  world.keypairs = [
    { name: 'default', user: 'demo' },
    { name: 'default', user: 'admin' },
    { name: 'default', user: 'alt' },
  ]
  return world
}
