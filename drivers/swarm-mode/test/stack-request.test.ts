import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { swarmModeDriver, swarmStackRequest } from '@magnum-ts/driver-swarm-mode'
import { describe, expect, it } from 'vitest'
import { swarmContext } from './support/context.js'
import { GOLDEN_CASES } from './support/matrix.js'

const templates = join(import.meta.dirname, '..', 'templates')

describe('swarm-mode stack request (golden)', () => {
  for (const [name, options] of Object.entries(GOLDEN_CASES)) {
    it(name, async () => {
      const request = await swarmModeDriver.stackRequest(swarmContext(options))
      // File contents are checked against templates/ below; the snapshot keeps the choice.
      expect({
        environmentFiles: request.environmentFiles,
        files: Object.keys(request.files),
        parameters: request.parameters,
      }).toMatchSnapshot()
    })
  }

  it('sends the package files unchanged: swarmcluster.yaml as the template, the rest in files', () => {
    const request = swarmStackRequest(swarmContext({ template: { masterLbEnabled: true } }))
    expect(request.template).toBe(readFileSync(join(templates, 'swarmcluster.yaml'), 'utf8'))
    for (const [name, content] of Object.entries(request.files)) {
      expect(content, name).toBe(readFileSync(join(templates, name), 'utf8'))
    }
    for (const env of request.environmentFiles) expect(request.files).toHaveProperty([env])
  })
})

describe('swarm-mode parameters', () => {
  it('has one primary and master_count − 1 secondary masters', () => {
    const p = swarmStackRequest(swarmContext({ masters: 3, nodes: 4 })).parameters
    expect(p).toMatchObject({ number_of_masters: 3, number_of_secondary_masters: 2, number_of_nodes: 4 })
  })

  it('takes external_network, fixed_network and fixed_subnet from the template, raw', () => {
    const p = swarmStackRequest(
      swarmContext({
        template: { externalNetworkId: 'ext-net', fixedNetwork: 'my net', fixedSubnet: 'sub' },
      }),
    ).parameters
    expect(p).toMatchObject({ external_network: 'ext-net', fixed_network: 'my net', fixed_subnet: 'sub' })
  })

  it('sends trust_id only with cluster_user_trust, and auth_url ending in /v3', () => {
    expect(swarmStackRequest(swarmContext()).parameters).toMatchObject({
      trust_id: '',
      auth_url: 'http://keystone.test:5000/v3',
      magnum_url: 'http://magnum.test:9511/v1',
    })
    expect(swarmStackRequest(swarmContext({ config: { clusterUserTrust: true } })).parameters.trust_id).toBe(
      'trust-1',
    )
  })

  it("takes docker_volume_type from the label, then config, then Cinder's default, else empty", () => {
    const type = (o: Parameters<typeof swarmContext>[0]) =>
      swarmStackRequest(swarmContext(o)).parameters.docker_volume_type
    const config = { defaultDockerVolumeType: 'hdd', cinderDefaultVolumeType: '__DEFAULT__' }
    expect(type({ labels: { docker_volume_type: 'ssd' }, config })).toBe('ssd')
    expect(type({ config })).toBe('hdd')
    expect(type({ config: { cinderDefaultVolumeType: '__DEFAULT__' } })).toBe('__DEFAULT__')
    expect(type({})).toBe('')
  })

  it('leaves docker_volume_size out when unset, and the master nodegroup wins over the worker one', () => {
    expect(swarmStackRequest(swarmContext()).parameters).not.toHaveProperty('docker_volume_size')
    const ctx = swarmContext({ template: { dockerVolumeSize: 5 } })
    for (const ng of ctx.nodeGroups) ng.dockerVolumeSize = ng.role === 'master' ? 8 : 6
    expect(swarmStackRequest(ctx).parameters.docker_volume_size).toBe(8)
  })

  it('sends an unset availability_zone label as null, as Magnum does', () => {
    expect(swarmStackRequest(swarmContext()).parameters.availability_zone).toBeNull()
  })

  it('refuses a template without an external network, naming the field', () => {
    expect(() => swarmStackRequest(swarmContext({ template: { externalNetworkId: undefined } }))).toThrow(
      expect.objectContaining({ field: 'external_network_id', status: 400 }),
    )
  })
})

describe('swarm-mode environment files (Magnum order: privnet, volume, lb, fip, lbfip)', () => {
  const envs = (o: Parameters<typeof swarmContext>[0]) =>
    swarmStackRequest(swarmContext(o)).environmentFiles.map((f) => f.replace(/^environments\/|\.yaml$/g, ''))

  it('matches the k8s oracle without etcd: existing network, volume, no LB, FIPs off', () => {
    expect(envs({ template: { fixedNetwork: 'n', dockerVolumeSize: 3, floatingIpEnabled: false } })).toEqual([
      'no_private_network',
      'with_volume',
      'no_master_lb',
      'disable_floating_ip',
      'disable_lb_floating_ip',
    ])
  })

  it("takes the cluster's master_lb_enabled over the template's", () => {
    expect(envs({ template: { masterLbEnabled: false }, cluster: { masterLbEnabled: true } })[2]).toBe(
      'with_master_lb_octavia',
    )
    expect(envs({ template: { masterLbEnabled: true }, cluster: { masterLbEnabled: false } })[2]).toBe(
      'no_master_lb',
    )
  })

  it('chooses Octavia when the catalog has it, else Neutron LBaaS', () => {
    expect(envs({ template: { masterLbEnabled: true } })[2]).toBe('with_master_lb_octavia')
    expect(envs({ template: { masterLbEnabled: true }, octavia: false })[2]).toBe('with_master_lb')
  })

  // Magnum's test_add_fip_env_* table: fip / lb / label → fip file + lb fip file.
  const table: [boolean, boolean, string | undefined, string, string][] = [
    [true, false, undefined, 'enable_floating_ip', 'disable_lb_floating_ip'],
    [true, true, undefined, 'enable_floating_ip', 'enable_lb_floating_ip'],
    [false, true, undefined, 'disable_floating_ip', 'disable_lb_floating_ip'],
    [false, true, 'true', 'disable_floating_ip', 'enable_lb_floating_ip'],
    [false, true, 'false', 'disable_floating_ip', 'disable_lb_floating_ip'],
  ]
  for (const [fip, lb, label, fipFile, lbFipFile] of table) {
    it(`fip=${fip} lb=${lb} master_lb_floating_ip_enabled=${label ?? 'unset'} → ${fipFile}, ${lbFipFile}`, () => {
      const labels = label === undefined ? {} : { master_lb_floating_ip_enabled: label }
      expect(envs({ template: { floatingIpEnabled: fip, masterLbEnabled: lb }, labels }).slice(3)).toEqual([
        fipFile,
        lbFipFile,
      ])
    })
  }
})

describe('swarm-mode scaling', () => {
  it('sends only number_of_nodes, ignoring nodes to remove (Magnum oracle)', () => {
    const ctx = swarmContext()
    const worker = ctx.nodeGroups.find((n) => n.role === 'worker')
    if (!worker) throw new Error('no worker nodegroup')
    expect(
      swarmModeDriver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 7, nodesToRemove: ['node-1'] }),
    ).toEqual({ number_of_nodes: 7 })
  })
})
