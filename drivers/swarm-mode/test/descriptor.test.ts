import {
  createDriverRegistry,
  type DriverDescriptor,
  type ValidationContext,
  validateClusterTemplate,
} from '@magnum-ts/core'
import { swarmModeDescriptor as swarm } from '@magnum-ts/driver-swarm-mode'
import { describe, expect, it } from 'vitest'

function ctx(over: Partial<ValidationContext> = {}): ValidationContext {
  return {
    clusterTemplate: { coe: 'swarm-mode' },
    labels: {},
    dockerVolumeSize: undefined,
    config: {},
    ...over,
  }
}

describe('swarm-mode descriptor', () => {
  it('provides (vm, fedora-atomic, swarm-mode) with Magnum’s versions', () => {
    expect(swarm.provides).toEqual([{ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm-mode' }])
    expect([swarm.name, swarm.version, swarm.containerVersion]).toEqual([
      'swarm_fedora_atomic_v2',
      '2.0.0',
      '1.12.6',
    ])
  })

  it('is picked by the registry for its triple, and coe swarm is not served', () => {
    const other: DriverDescriptor = {
      ...swarm,
      name: 'other',
      provides: [{ serverType: 'bm', os: 'fedora-atomic', coe: 'swarm-mode' }],
    }
    const registry = createDriverRegistry([swarm, other])
    expect(registry.get({ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm-mode' })).toBe(swarm)
    expect(registry.find({ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm' })).toBeUndefined()
  })

  it('defaults the network driver to docker and accepts flannel', () => {
    const registry = createDriverRegistry([swarm])
    const opts = { registry, isAdmin: false }
    expect(validateClusterTemplate({ coe: 'swarm-mode', imageId: 'fa27' }, opts).template.networkDriver).toBe(
      'docker',
    )
    expect(
      validateClusterTemplate({ coe: 'swarm-mode', imageId: 'fa27', networkDriver: 'flannel' }, opts).errors,
    ).toEqual([])
  })

  it.each([
    [{ networkDriver: 'calico' }, 'network_driver', /docker, flannel/],
    [{ volumeDriver: 'cinder' }, 'volume_driver', /rexray/],
  ])('refuses %j through its rules', (over, field, fix) => {
    const [error] = validateClusterTemplate(
      { coe: 'swarm-mode', imageId: 'fa27', ...over },
      { registry: createDriverRegistry([swarm]), isAdmin: false },
    ).errors
    expect(error?.field).toBe(field)
    expect(error?.fix).toMatch(fix)
  })

  it('refuses the overlay storage driver on Fedora Atomic with the seed-000 explanation', () => {
    const [problem] =
      swarm.validate?.(
        ctx({ clusterTemplate: { dockerStorageDriver: 'overlay' }, osDistro: 'fedora-atomic' }),
      ) ?? []
    expect(problem?.field).toBe('docker_storage_driver')
    expect(problem?.message).toContain('exec user process caused "permission denied"')
    expect(problem?.fix).toMatch(/devicemapper/)
  })

  it('refuses devicemapper without a docker volume of at least 3 GB', () => {
    for (const size of [undefined, 2]) {
      const [problem] =
        swarm.validate?.(
          ctx({ clusterTemplate: { dockerStorageDriver: 'devicemapper' }, dockerVolumeSize: size }),
        ) ?? []
      expect(problem?.field).toBe('docker_volume_size')
      expect(problem?.fix).toMatch(/3 or more/)
    }
    expect(
      swarm.validate?.(
        ctx({ clusterTemplate: { dockerStorageDriver: 'devicemapper' }, dockerVolumeSize: 10 }),
      ),
    ).toEqual([])
  })

  it.each([
    [{ swarm_strategy: 'roundrobin' }, 'labels.swarm_strategy', /spread, binpack, random/],
    [{ rexray_preempt: 'maybe' }, 'labels.rexray_preempt', /"true" or "false"/],
  ])('reports a Problem for labels %j', (labels, field, fix) => {
    const [problem] = swarm.validate?.(ctx({ labels })) ?? []
    expect(problem?.field).toBe(field)
    expect(problem?.fix).toMatch(fix)
  })

  it('gives the seed-000 template (devicemapper, 10 GB, docker network) no Problem', () => {
    expect(
      swarm.validate?.(
        ctx({
          clusterTemplate: { dockerStorageDriver: 'devicemapper', networkDriver: 'docker' },
          dockerVolumeSize: 10,
        }),
      ),
    ).toEqual([])
  })

  it('reports the overlay problem once through core validation, as a 400 on docker_storage_driver', () => {
    const errors = validateClusterTemplate(
      { coe: 'swarm-mode', imageId: 'fa27', dockerStorageDriver: 'overlay' },
      { registry: createDriverRegistry([swarm]), isAdmin: false, osDistro: 'fedora-atomic' },
    ).errors
    expect(errors.map((e) => [e.field, e.status, e.code])).toEqual([
      ['docker_storage_driver', 400, 'STORAGE_DRIVER_UNSUPPORTED'],
    ])
  })
})

describe('coe swarm (seed 000)', () => {
  it('is refused with a recommendation of swarm-mode', () => {
    const [error] = validateClusterTemplate(
      { coe: 'swarm', imageId: 'fedora-atomic-latest' },
      { registry: createDriverRegistry([swarm]), isAdmin: false },
    ).errors
    expect(error?.status).toBe(400)
    expect(error?.problem).toBe('Requested COE type swarm is not supported.')
    expect(error?.fix).toMatch(/^use coe "swarm-mode": the legacy "swarm" COE \(etcd-based/)
  })
})
