import {
  ClusterTypeNotSupportedError,
  createDriverRegistry,
  type DriverDescriptor,
  isClusterDriver,
  problemToError,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { kubernetes, mesos, swarmMode } from '../fixtures.js'

describe('driver registry (§5)', () => {
  it('picks the driver by (server_type, os_distro, coe)', () => {
    const registry = createDriverRegistry([kubernetes, swarmMode, mesos])
    expect(registry.get({ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' })).toBe(kubernetes)
    expect(registry.get({ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm-mode' })).toBe(swarmMode)
    expect(registry.get({ serverType: 'vm', os: 'ubuntu', coe: 'mesos' })).toBe(mesos)
  })

  it('matches os_distro case-insensitively (Glance images say "Fedora-Atomic" too)', () => {
    const registry = createDriverRegistry([kubernetes])
    expect(registry.find({ serverType: 'vm', os: 'Fedora-Atomic', coe: 'kubernetes' })).toBe(kubernetes)
  })

  it('names the triple and lists what is installed when nothing matches', () => {
    const registry = createDriverRegistry([kubernetes, mesos])
    try {
      registry.get({ serverType: 'bm', os: 'fedora-atomic', coe: 'kubernetes' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ClusterTypeNotSupportedError)
      const e = error as ClusterTypeNotSupportedError
      expect(e.status).toBe(400)
      expect([e.serverType, e.os, e.coe]).toEqual(['bm', 'fedora-atomic', 'kubernetes'])
      expect(e.installed).toEqual(['vm/fedora-atomic/kubernetes (test_k8s)', 'vm/ubuntu/mesos (test_mesos)'])
      expect(e.message).toContain('Cluster type (bm, fedora-atomic, kubernetes) not supported')
      expect(e.message).toContain('vm/ubuntu/mesos (test_mesos)')
    }
  })

  it('lets the last registration for a triple win, keeping the others', () => {
    const thirdParty: DriverDescriptor = {
      ...kubernetes,
      name: 'acme_k8s',
      provides: [
        { serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' },
        { serverType: 'bm', os: 'fedora-atomic', coe: 'kubernetes' },
      ],
    }
    const registry = createDriverRegistry([kubernetes, mesos])
    registry.register(thirdParty)
    expect(registry.get({ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' }).name).toBe('acme_k8s')
    expect(registry.get({ serverType: 'bm', os: 'fedora-atomic', coe: 'kubernetes' }).name).toBe('acme_k8s')
    expect(registry.get({ serverType: 'vm', os: 'ubuntu', coe: 'mesos' })).toBe(mesos)
    expect(registry.forCoe('kubernetes').map((d) => d.name)).toEqual(['acme_k8s'])
  })

  it('skips disabled drivers', () => {
    const registry = createDriverRegistry([kubernetes, mesos], { disabled: ['test_mesos'] })
    expect(registry.find({ serverType: 'vm', os: 'ubuntu', coe: 'mesos' })).toBeUndefined()
    expect(registry.coes()).toEqual(['kubernetes'])
    registry.register(mesos)
    expect(registry.coes()).toEqual(['kubernetes'])
  })

  it('tells a descriptor from a full driver', () => {
    expect(isClusterDriver(kubernetes)).toBe(false)
    const full = {
      ...kubernetes,
      stackRequest: async () => ({ template: '', files: {}, environmentFiles: [], parameters: {} }),
      scaleParameters: () => ({}),
      readOutputs: () => ({ masterAddresses: [], nodeAddresses: [], counts: {} }),
      clusterConfig: () => ({ files: {}, env: {} }),
    }
    expect(isClusterDriver(full)).toBe(true)
  })
})

describe('problemToError', () => {
  it('keeps field and fix, with 400 unless the driver says otherwise', () => {
    const e400 = problemToError({ field: 'labels.x', message: 'bad x', fix: 'set x to y' })
    expect(e400.status).toBe(400)
    expect(e400.code).toBe('INVALID_PARAMETER_VALUE')
    expect(e400.message).toBe('bad x (field "labels.x"). Fix: set x to y')
    const e409 = problemToError({ field: 'keypair', message: 'dup', fix: 'rename', status: 409, code: 'DUP' })
    expect([e409.status, e409.code]).toEqual([409, 'DUP'])
  })
})

describe('rules before the image is known', () => {
  it('uses the drivers of the template server type', async () => {
    const { validateClusterTemplate } = await import('@magnum-ts/core')
    const bmK8s: DriverDescriptor = {
      ...kubernetes,
      name: 'bm_k8s',
      provides: [{ serverType: 'bm', os: 'fedora', coe: 'kubernetes' }],
      rules: { networkDrivers: ['calico'], defaultNetworkDriver: 'calico', volumeDrivers: [] },
      validate: () => [],
    }
    const registry = createDriverRegistry([kubernetes, bmK8s])
    const bm = validateClusterTemplate(
      { coe: 'kubernetes', imageId: 'i', serverType: 'bm' },
      { registry, isAdmin: false },
    )
    expect(bm.driver?.name).toBe('bm_k8s')
    expect(bm.template.networkDriver).toBe('calico')
    const vm = validateClusterTemplate({ coe: 'kubernetes', imageId: 'i' }, { registry, isAdmin: false })
    expect(vm.driver?.name).toBe('test_k8s')
    expect(vm.template.networkDriver).toBe('flannel')
  })
})

describe('several drivers for one COE', () => {
  it('accepts what any of them accepts until the image picks one, then applies that one', async () => {
    const { validateClusterTemplate } = await import('@magnum-ts/core')
    const ubuntuK8s: DriverDescriptor = {
      ...kubernetes,
      name: 'ubuntu_k8s',
      provides: [{ serverType: 'vm', os: 'ubuntu', coe: 'kubernetes' }],
      rules: { networkDrivers: ['cilium'], defaultNetworkDriver: 'cilium', volumeDrivers: ['cinder'] },
    }
    const registry = createDriverRegistry([kubernetes, ubuntuK8s])
    const input = { coe: 'kubernetes', imageId: 'i', networkDriver: 'cilium' }
    const early = validateClusterTemplate(input, { registry, isAdmin: false })
    expect(early.errors).toEqual([])
    expect(early.driver).toBeUndefined()
    expect(validateClusterTemplate(input, { registry, isAdmin: false, osDistro: 'ubuntu' }).errors).toEqual(
      [],
    )
    const [error] = validateClusterTemplate(input, {
      registry,
      isAdmin: false,
      osDistro: 'fedora-atomic',
    }).errors
    expect(error?.field).toBe('network_driver')
  })
})
