/**
 * The nodegroup stack request: kubecluster.yaml again with is_cluster_stack false, the cluster's
 * files and environment files, the nodegroup's own count, flavor, image, docker volume and
 * labels, and what it joins (network, subnet, minion security group, master IP) read from the
 * cluster stack's outputs.
 */
import { InvalidParameterValueError, NodeGroupInvalidInputError } from '@magnum-ts/core'
import { createK8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'
import { lintTemplate, parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { k8sContext, recordingFetcher, testDriver } from './support/context.js'
import { completedClusterStack, extraNodeGroup } from './support/nodegroup.js'

const driver = testDriver()

async function nodeGroupRequest(...args: Parameters<NonNullable<typeof driver.nodeGroupStackRequest>>) {
  if (!driver.nodeGroupStackRequest) throw new Error('the k8s driver must build nodegroup stacks')
  return driver.nodeGroupStackRequest(...args)
}

describe('k8s nodegroup stack request', () => {
  it('matches the reviewed snapshot, lints clean and sends only declared parameters', async () => {
    const ctx = k8sContext({ template: { masterLbEnabled: true }, masters: 3 })
    const ng = extraNodeGroup(ctx, { dockerVolumeSize: 50, labels: { kube_tag: 'v1.16.3' } })
    const request = await nodeGroupRequest(ctx, ng, completedClusterStack())
    const { files, ...rest } = request
    await expect(stringify(rest)).toMatchFileSnapshot('__snapshots__/nodegroup-stack/worker-nodegroup.yaml')
    const template = files[request.template as string] as string
    expect(lintTemplate({ ...request, template })).toEqual([])
    const declared = Object.keys(parseTemplate(template).parameters ?? {})
    expect(Object.keys(request.parameters).filter((p) => !declared.includes(p))).toEqual([])
  })

  it('is the cluster template with the cluster files, and only the worker role of this nodegroup', async () => {
    const ctx = k8sContext()
    const ng = extraNodeGroup(ctx)
    const cluster = await driver.stackRequest(ctx)
    const request = await nodeGroupRequest(ctx, ng, completedClusterStack())
    expect(request.template).toBe('kubecluster.yaml')
    expect(request.files).toEqual(cluster.files)
    expect(request.environmentFiles).toEqual(cluster.environmentFiles)
    expect(cluster.parameters.is_cluster_stack).toBe(true)
    expect(request.parameters).toMatchObject({
      is_cluster_stack: false,
      master_role: '',
      worker_role: 'worker',
      worker_nodegroup_name: 'gpu',
      number_of_minions: 2,
      minion_flavor: 'g1.large',
      minion_image: 'fedora-atomic-gpu',
      max_node_count: 3,
    })
  })

  it('joins the network, subnet, minion security group and master 0 from the cluster outputs', async () => {
    const ctx = k8sContext()
    const request = await nodeGroupRequest(ctx, extraNodeGroup(ctx), completedClusterStack())
    expect(request.parameters).toMatchObject({
      fixed_network: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a01',
      fixed_subnet: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a02',
      existing_security_group: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a03',
      existing_master_private_ip: '10.0.0.5',
    })
  })

  it('asks no discovery service and makes no service-account keys (it builds no masters)', async () => {
    const { calls, fetcher } = recordingFetcher()
    let keyPairs = 0
    const counting = createK8sFedoraAtomicDriver({
      fetchDiscovery: fetcher,
      serviceAccountKeys: async () => {
        keyPairs++
        return { publicKey: 'P', privateKey: 'K' }
      },
    })
    const ctx = k8sContext({ masters: 3 })
    const request = await counting.nodeGroupStackRequest!(ctx, extraNodeGroup(ctx), completedClusterStack())
    expect(calls).toEqual([])
    expect(keyPairs).toBe(0)
    for (const key of ['discovery_url', 'kube_service_account_key', 'kube_service_account_private_key']) {
      expect(request.parameters).not.toHaveProperty(key)
    }
  })

  it("gives the nodegroup its own docker volume (size, Cinder type, environment) even when the cluster's has none", async () => {
    const ctx = k8sContext()
    const request = await nodeGroupRequest(
      ctx,
      extraNodeGroup(ctx, { dockerVolumeSize: 50 }),
      completedClusterStack(),
    )
    expect(request.parameters.docker_volume_size).toBe(50)
    expect(request.parameters.docker_volume_type).toBe('lvmdriver-1')
    expect(request.environmentFiles).toContain('environments/with_volume.yaml')
    expect((await driver.stackRequest(ctx)).environmentFiles).toContain('environments/no_volume.yaml')
  })

  it("follows the cluster's docker volume when the nodegroup sets none, and sends none when neither does", async () => {
    const withVolume = k8sContext({ template: { dockerVolumeSize: 20 } })
    const inherited = await nodeGroupRequest(withVolume, extraNodeGroup(withVolume), completedClusterStack())
    expect(inherited.parameters.docker_volume_size).toBe(20)
    expect(inherited.environmentFiles).toContain('environments/with_volume.yaml')

    const ctx = k8sContext()
    const none = await nodeGroupRequest(ctx, extraNodeGroup(ctx), completedClusterStack())
    expect(none.parameters).not.toHaveProperty('docker_volume_size')
    expect(none.parameters.docker_volume_type).toBe('')
    expect(none.environmentFiles).toContain('environments/no_volume.yaml')
  })

  it("lays the nodegroup's labels over the cluster's", async () => {
    const ctx = k8sContext({ labels: { kube_tag: 'v1.15.7', flannel_backend: 'host-gw' } })
    const ng = extraNodeGroup(ctx, { labels: { kube_tag: 'v1.16.3' } })
    const request = await nodeGroupRequest(ctx, ng, completedClusterStack())
    expect(request.parameters).toMatchObject({ minion_kube_tag: 'v1.16.3', flannel_backend: 'host-gw' })
  })

  it('refuses a master nodegroup (400, as Magnum does)', async () => {
    const ctx = k8sContext()
    const attempt = nodeGroupRequest(ctx, extraNodeGroup(ctx, { role: 'master' }), completedClusterStack())
    await expect(attempt).rejects.toBeInstanceOf(InvalidParameterValueError)
    await expect(attempt).rejects.toMatchObject({ status: 400, field: 'role' })
  })

  for (const output of ['fixed_network', 'fixed_subnet', 'minion_security_group', 'kube_masters_private']) {
    it(`names the missing cluster output ${output} and how to get it (409)`, async () => {
      const ctx = k8sContext()
      const stack = completedClusterStack({ [output]: null })
      const attempt = nodeGroupRequest(ctx, extraNodeGroup(ctx), stack)
      await expect(attempt).rejects.toBeInstanceOf(NodeGroupInvalidInputError)
      await expect(attempt).rejects.toMatchObject({
        status: 409,
        field: `cluster_stack.outputs.${output}`,
        message: expect.stringContaining('resolveOutputs'),
      })
    })
  }

  it('refuses a cluster stack read without its outputs', async () => {
    const ctx = k8sContext()
    const { outputs: _, ...stack } = completedClusterStack()
    await expect(nodeGroupRequest(ctx, extraNodeGroup(ctx), stack)).rejects.toMatchObject({
      field: 'cluster_stack.outputs.fixed_network',
    })
  })
})
