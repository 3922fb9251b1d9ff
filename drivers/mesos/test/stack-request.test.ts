import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mesosDriver, mesosStackRequest } from '@magnum-ts/driver-mesos'
import { describe, expect, it } from 'vitest'
import { MESOS_CASES, mesosContext } from './support/context.js'

const templates = join(import.meta.dirname, '..', 'templates')

describe('mesos stack request (golden)', () => {
  for (const [name, options] of Object.entries(MESOS_CASES)) {
    it(name, async () => {
      const request = await mesosDriver.stackRequest(mesosContext(options))
      expect({
        environmentFiles: request.environmentFiles,
        files: Object.keys(request.files),
        parameters: request.parameters,
      }).toMatchSnapshot()
    })
  }

  it('sends the package files unchanged: mesoscluster.yaml as the template, the rest in files', () => {
    const request = mesosStackRequest(mesosContext({ template: { masterLbEnabled: true } }))
    expect(request.template).toBe(readFileSync(join(templates, 'mesoscluster.yaml'), 'utf8'))
    for (const [name, content] of Object.entries(request.files)) {
      expect(content, name).toBe(readFileSync(join(templates, name), 'utf8'))
    }
  })
})

describe('mesos parameters (Magnum oracle)', () => {
  it('sends cluster_name, tenant_name = project id, number_of_slaves and the context', () => {
    expect(mesosStackRequest(mesosContext()).parameters).toMatchObject({
      cluster_name: 'cluster1',
      tenant_name: 'admin',
      number_of_slaves: 1,
      number_of_masters: 1,
      username: 'admin',
      domain_name: 'Default',
      region_name: 'RegionOne',
      auth_url: 'http://192.168.10.10:5000/v3',
      trust_id: '',
    })
  })

  it('sends unset slave labels as null', () => {
    const p = mesosStackRequest(mesosContext()).parameters
    for (const label of [
      'mesos_slave_isolation',
      'mesos_slave_image_providers',
      'mesos_slave_work_dir',
      'mesos_slave_executor_env_variables',
    ]) {
      expect(p[label], label).toBeNull()
    }
  })

  it('refuses a template without an external network, naming the field', () => {
    expect(() => mesosStackRequest(mesosContext({ template: { externalNetworkId: undefined } }))).toThrow(
      expect.objectContaining({ field: 'external_network_id', status: 400 }),
    )
  })
})

describe('mesos environment files (Magnum order: privnet, lb)', () => {
  const envs = (o: Parameters<typeof mesosContext>[0]) =>
    mesosStackRequest(mesosContext(o)).environmentFiles.map((f) => f.replace(/^environments\/|\.yaml$/g, ''))

  it('are [no_private_network, no_master_lb] with an existing network and no LB', () => {
    expect(envs({ template: { fixedNetwork: 'n' } })).toEqual(['no_private_network', 'no_master_lb'])
  })
  it('use with_master_lb without Octavia and with_master_lb_octavia with it', () => {
    expect(envs({ template: { masterLbEnabled: true }, octavia: false })).toEqual([
      'with_private_network',
      'with_master_lb',
    ])
    expect(envs({ template: { masterLbEnabled: true } })[1]).toBe('with_master_lb_octavia')
  })
})

describe('mesos scaling', () => {
  it('sends number_of_slaves and slaves_to_remove (Magnum oracle)', () => {
    const ctx = mesosContext({ slaves: 9 })
    const worker = ctx.nodeGroups[1]
    if (!worker) throw new Error('no worker nodegroup')
    expect(
      mesosDriver.scaleParameters(ctx, {
        nodeGroup: worker,
        nodeCount: 7,
        nodesToRemove: ['10.0.0.8', '10.0.0.9'],
      }),
    ).toEqual({ number_of_slaves: 7, slaves_to_remove: ['10.0.0.8', '10.0.0.9'] })
  })
})
