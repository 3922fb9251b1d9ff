import { InvalidParameterValueError, RequiredParameterMissingError } from '@magnum-ts/core'
import { ALWAYS_SENT_LABELS, k8sClusterParameters } from '@magnum-ts/driver-k8s-fedora-atomic'
import { describe, expect, it } from 'vitest'
import { type ContextOptions, FIXED_KEYS, k8sContext, recordingFetcher } from './support/context.js'

async function params(options: ContextOptions = {}, fetcher = recordingFetcher().fetcher) {
  return k8sClusterParameters(k8sContext(options), {
    fetchDiscovery: fetcher,
    serviceAccountKeys: async () => FIXED_KEYS,
  })
}

describe('k8s template definition: parameters (§7a, oracle 1)', () => {
  it('maps the cluster, template and nodegroups as Magnum’s extraction test expects', async () => {
    const p = await params({
      template: { fixedNetwork: 'fixed_network' },
      cluster: { keypair: 'keypair_id', coeVersion: 'fake-version' },
      workerNodeGroup: { flavorId: 'flavor_id' },
      labels: { boot_volume_size: '60', service_cluster_ip_range: '10.254.0.0/16' },
    })
    expect(p).toMatchObject({
      ssh_key_name: 'keypair_id',
      fixed_network_name: 'fixed_network',
      number_of_minions: 1,
      number_of_masters: 1,
      minion_flavor: 'flavor_id',
      trust_id: '',
      auth_url: 'http://192.168.10.10:5000/v3',
      portal_network_cidr: '10.254.0.0/16',
      max_node_count: 2,
      etcd_volume_size: null,
      etcd_volume_type: '',
      boot_volume_size: '60',
      boot_volume_type: 'lvmdriver-1',
      kube_version: 'fake-version',
      cloud_provider_enabled: 'false',
      master_role: 'master',
      worker_role: 'worker',
    })
  })

  it('sends every always-sent label, null when unset, and truthy labels only when set', async () => {
    const p = await params({ labels: { flannel_backend: 'host-gw', coredns_tag: '', etcd_tag: '3.3.10' } })
    for (const key of ALWAYS_SENT_LABELS) expect(p).toHaveProperty(key)
    expect(p.flannel_backend).toBe('host-gw')
    expect(p.kubelet_options).toBeNull()
    expect(p).not.toHaveProperty('coredns_tag')
    expect(p.etcd_tag).toBe('3.3.10')
  })

  it('does not send unset mapped fields (Heat keeps the template default)', async () => {
    const p = await params()
    for (const key of [
      'fixed_network',
      'fixed_subnet',
      'volume_driver',
      'insecure_registry_url',
      'kube_version',
    ]) {
      expect(p).not.toHaveProperty(key)
    }
    expect(p.fixed_network_name).toBe('k8s') // the cluster's name when no fixed network
  })

  it('computes TLS, Octavia, CIDR, URL and key parameters', async () => {
    const tls = await params({ template: { tlsDisabled: true } })
    expect([tls.loadbalancing_protocol, tls.kubernetes_port]).toEqual(['HTTP', 8080])
    const p = await params({ octavia: false })
    expect(p).not.toHaveProperty('kubernetes_port')
    expect(p.octavia_enabled).toBe(false)
    expect(p.magnum_url).toBe('http://magnum.test:9511/v1')
    expect(p.pods_network_cidr).toBe('10.100.0.0/16')
    expect(p.kube_service_account_key).toBe(FIXED_KEYS.publicKey)
    expect(p.kube_service_account_private_key).toBe(FIXED_KEYS.privateKey)
    const calico = await params({ template: { networkDriver: 'calico' } })
    expect(calico.pods_network_cidr).toBe('192.168.0.0/16')
    const flannel = await params({ labels: { flannel_network_cidr: '10.50.0.0/16' } })
    expect(flannel.pods_network_cidr).toBe('10.50.0.0/16')
  })

  it('makes a real RSA-2048 service-account pair by default', async () => {
    const { createK8sFedoraAtomicDriver } = await import('@magnum-ts/driver-k8s-fedora-atomic')
    const { createPublicKey } = await import('node:crypto')
    const driver = createK8sFedoraAtomicDriver({ fetchDiscovery: recordingFetcher().fetcher })
    const { parameters } = await driver.stackRequest(k8sContext())
    const key = createPublicKey(parameters.kube_service_account_key as string)
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048)
  })

  it('sends kube_tag as kube_version, master_kube_tag and minion_kube_tag', async () => {
    const p = await params({ cluster: { coeVersion: 'v1.14.0' }, labels: { kube_tag: 'v1.16.3' } })
    expect([p.kube_tag, p.kube_version, p.master_kube_tag, p.minion_kube_tag]).toEqual([
      'v1.16.3',
      'v1.16.3',
      'v1.16.3',
      'v1.16.3',
    ])
  })

  it('passes the trust and turns the cloud provider on only with cluster_user_trust', async () => {
    const p = await params({ config: { clusterUserTrust: true } })
    expect([p.trust_id, p.cloud_provider_enabled]).toEqual(['trust-1', 'true'])
    expect(p).toMatchObject({ trustee_user_id: 'trustee-id', trustee_domain_id: 'magnum-domain' })
  })

  it('takes volume types from the label, then the operator default, then Cinder; "" without a volume', async () => {
    const sized = { template: { dockerVolumeSize: 10 }, labels: { etcd_volume_size: '5' } }
    expect((await params(sized)).docker_volume_type).toBe('lvmdriver-1')
    const configured = await params({ ...sized, config: { defaultDockerVolumeType: 'ssd' } })
    expect(configured.docker_volume_type).toBe('ssd')
    expect(configured.etcd_volume_type).toBe('lvmdriver-1')
    const labelled = await params({ ...sized, labels: { etcd_volume_size: '5', docker_volume_type: 'fast' } })
    expect(labelled.docker_volume_type).toBe('fast')
    expect((await params()).docker_volume_type).toBe('')
    await expect(params({ ...sized, config: { cinderDefaultVolumeType: undefined } })).rejects.toMatchObject({
      field: 'labels.docker_volume_type',
      status: 400,
    })
  })

  it('lets the master nodegroup’s docker_volume_size win over the worker’s', async () => {
    const p = await params({
      masterNodeGroup: { dockerVolumeSize: 7 },
      workerNodeGroup: { dockerVolumeSize: 3 },
    })
    expect(p.docker_volume_size).toBe(7)
  })

  it('refuses an octavia ingress controller without Octavia, and lower-cases the label', async () => {
    await expect(
      params({ octavia: false, labels: { ingress_controller: 'Octavia' } }),
    ).rejects.toBeInstanceOf(InvalidParameterValueError)
    expect((await params({ labels: { ingress_controller: 'Traefik' } })).ingress_controller).toBe('traefik')
  })

  it('requires an external network', async () => {
    await expect(params({ template: { externalNetworkId: undefined } })).rejects.toBeInstanceOf(
      RequiredParameterMissingError,
    )
  })

  it('appends the subnet CIDR to no_proxy', async () => {
    expect((await params({ template: { noProxy: 'localhost' } })).no_proxy).toBe('localhost,10.0.0.0/24')
  })
})

describe('k8s template definition: discovery URL (oracle 8)', () => {
  it('asks the endpoint with size = master count and sends the body', async () => {
    const { calls, fetcher } = recordingFetcher(() => 'https://discovery.etcd.io/token\n')
    const p = await params(
      { masters: 10, config: { etcdDiscoveryUrl: 'http://etcd/test?size=%(size)d' } },
      fetcher,
    )
    expect(calls).toEqual(['http://etcd/test?size=10'])
    expect(p.discovery_url).toBe('https://discovery.etcd.io/token')
  })

  it('does not ask with a single master', async () => {
    const { calls, fetcher } = recordingFetcher()
    expect((await params({}, fetcher)).discovery_url).toBe('')
    expect(calls).toEqual([])
  })

  it('refuses an empty answer (InvalidDiscoveryURL)', async () => {
    const { fetcher } = recordingFetcher(() => '')
    await expect(params({ masters: 3 }, fetcher)).rejects.toMatchObject({ code: 'INVALID_DISCOVERY_URL' })
  })

  it('checks a given URL’s size record (InvalidClusterSize)', async () => {
    const { calls, fetcher } = recordingFetcher(() => JSON.stringify({ node: { value: '1' } }))
    await expect(
      params({ masters: 5, cluster: { discoveryUrl: 'https://discovery.etcd.io/given' } }, fetcher),
    ).rejects.toMatchObject({ code: 'INVALID_CLUSTER_SIZE', status: 400 })
    expect(calls).toEqual(['https://discovery.etcd.io/given/_config/size'])
    const ok = recordingFetcher(() => JSON.stringify({ node: { value: '5' } }))
    const p = await params(
      { masters: 5, cluster: { discoveryUrl: 'https://discovery.etcd.io/given' } },
      ok.fetcher,
    )
    expect(p.discovery_url).toBe('https://discovery.etcd.io/given')
  })
})
