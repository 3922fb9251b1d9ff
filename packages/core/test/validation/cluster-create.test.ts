import {
  ClusterTypeNotSupportedError,
  InvalidParameterValueError,
  RequiredParameterMissingError,
  resolveClusterCreate,
  validateClusterCreateInput,
  validateClusterUpdate,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { registry, storedTemplate } from '../fixtures.js'

const options = { registry: registry(), generateName: () => 'alpha-1-cluster' }
const template = storedTemplate()
const input = { clusterTemplateId: template.uuid }

describe('resolveClusterCreate: defaults (oracle 10)', () => {
  it('uses 1 master, 1 node and a 60-minute timeout when unset', () => {
    const { cluster, errors } = resolveClusterCreate(input, template, options)
    expect(errors).toEqual([])
    expect(cluster).toMatchObject({
      masterCount: 1,
      nodeCount: 1,
      createTimeout: 60,
      name: 'alpha-1-cluster',
    })
    expect(cluster.clusterTemplateId).toBe(template.uuid)
  })

  it.each([0, null])('maps create_timeout %j to 60 and accepts it', (createTimeout) => {
    const { cluster, errors } = resolveClusterCreate({ ...input, createTimeout }, template, options)
    expect(errors).toEqual([])
    expect(cluster.createTimeout).toBe(60)
  })

  it('keeps an explicit timeout', () => {
    expect(
      resolveClusterCreate({ ...input, createTimeout: 15 }, template, options).cluster.createTimeout,
    ).toBe(15)
  })

  it('rejects create_timeout -1 with 400', () => {
    const [error] = resolveClusterCreate({ ...input, createTimeout: -1 }, template, options).errors
    expect(error).toBeInstanceOf(InvalidParameterValueError)
    expect(error?.field).toBe('create_timeout')
  })

  it.each([
    ['nodeCount', 'node_count'],
    ['masterCount', 'master_count'],
  ] as const)('rejects %s 0 with 400', (key, field) => {
    const [error] = resolveClusterCreate({ ...input, [key]: 0 }, template, options).errors
    expect(error?.status).toBe(400)
    expect(error?.field).toBe(field)
  })

  it('rejects 3 masters without a load balancer, in Magnum words', () => {
    const [error] = resolveClusterCreate({ ...input, masterCount: 3 }, template, options).errors
    expect(error?.status).toBe(400)
    expect(error?.field).toBe('master_count')
    expect(error?.problem).toBe('master_count must be 1 when master_lb_enabled is False')
  })

  it('accepts 3 masters when the template enables the master LB', () => {
    const lb = storedTemplate({ masterLbEnabled: true })
    expect(resolveClusterCreate({ ...input, masterCount: 3 }, lb, options).errors).toEqual([])
  })

  it('rejects an invalid cluster name (oracle 9)', () => {
    const [error] = resolveClusterCreate({ ...input, name: '_test_cluster' }, template, options).errors
    expect(error?.field).toBe('name')
  })
})

describe('resolveClusterCreate: inheritance from the template (§3)', () => {
  it('inherits unset and empty fields', () => {
    const { cluster } = resolveClusterCreate(
      { ...input, keypair: '', flavorId: undefined },
      template,
      options,
    )
    expect(cluster).toMatchObject({
      keypair: 'template-key',
      flavorId: 'm1.small',
      masterFlavorId: 'm1.medium',
      dockerVolumeSize: 5,
      floatingIpEnabled: true,
      masterLbEnabled: false,
      labels: template.labels,
    })
  })

  it("prefers the cluster's own values", () => {
    const { cluster } = resolveClusterCreate(
      { ...input, keypair: 'mine', flavorId: 'm1.large', dockerVolumeSize: 20, floatingIpEnabled: false },
      template,
      options,
    )
    expect(cluster).toMatchObject({
      keypair: 'mine',
      flavorId: 'm1.large',
      dockerVolumeSize: 20,
      floatingIpEnabled: false,
    })
  })

  it('replaces the template labels unless merge_labels is set', () => {
    expect(
      resolveClusterCreate({ ...input, labels: { kube_tag: 'v1.16.0' } }, template, options).cluster.labels,
    ).toEqual({
      kube_tag: 'v1.16.0',
    })
    expect(
      resolveClusterCreate(
        { ...input, labels: { kube_tag: 'v1.16.0' }, mergeLabels: true },
        template,
        options,
      ).cluster.labels,
    ).toEqual({ kube_tag: 'v1.16.0', flannel_backend: 'vxlan' })
  })

  it('checks devicemapper against the effective docker volume size', () => {
    const [error] = resolveClusterCreate({ ...input, dockerVolumeSize: 2 }, template, options).errors
    expect(error?.field).toBe('docker_volume_size')
  })

  it("runs the driver's rules on the effective labels", () => {
    const [error] = resolveClusterCreate(
      { ...input, labels: { flannel_backend: 'gre' } },
      template,
      options,
    ).errors
    expect(error?.field).toBe('labels.flannel_backend')
  })

  it('refuses a template whose triple no driver provides', () => {
    const [error] = resolveClusterCreate(input, storedTemplate({ clusterDistro: 'centos' }), options).errors
    expect(error).toBeInstanceOf(ClusterTypeNotSupportedError)
  })
})

describe('validateClusterCreateInput', () => {
  it('requires cluster_template_id', () => {
    const [error] = validateClusterCreateInput({ name: 'c1' })
    expect(error).toBeInstanceOf(RequiredParameterMissingError)
    expect(error?.field).toBe('cluster_template_id')
  })

  it('reports every problem at once', () => {
    const errors = validateClusterCreateInput({
      name: '1x',
      nodeCount: 0,
      masterCount: -2,
      createTimeout: -1,
    })
    expect(errors.map((e) => e.field)).toEqual([
      'cluster_template_id',
      'name',
      'node_count',
      'master_count',
      'create_timeout',
    ])
  })
})

describe('validateClusterUpdate (oracle 12)', () => {
  it('accepts node_count only', () => {
    expect(validateClusterUpdate({ nodeCount: 3 })).toEqual([])
  })

  it('refuses any other field, naming it', () => {
    const [error] = validateClusterUpdate({ nodeCount: 3, masterCount: 3, name: 'x' })
    expect(error?.status).toBe(400)
    expect(error?.problem).toBe('cannot change cluster property(ies) master_count, name')
  })

  it('refuses node_count 0', () => {
    expect(validateClusterUpdate({ nodeCount: 0 })[0]?.field).toBe('node_count')
  })
})
