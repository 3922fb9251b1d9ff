import { createDriverRegistry, type ValidationContext, validateClusterTemplate } from '@magnum-ts/core'
import { mesosDescriptor as mesos } from '@magnum-ts/driver-mesos'
import { describe, expect, it } from 'vitest'

function ctx(labels: Record<string, string>): ValidationContext {
  return { clusterTemplate: { coe: 'mesos' }, labels, dockerVolumeSize: undefined, config: {} }
}

describe('mesos descriptor', () => {
  it('provides (vm, ubuntu, mesos) with Magnum’s versions', () => {
    expect(mesos.provides).toEqual([{ serverType: 'vm', os: 'ubuntu', coe: 'mesos' }])
    expect([mesos.name, mesos.version, mesos.containerVersion]).toEqual(['mesos_ubuntu_v1', '1.0.0', '1.9.1'])
  })

  it('is picked by the registry for its triple and not for fedora-atomic', () => {
    const registry = createDriverRegistry([mesos])
    expect(registry.get({ serverType: 'vm', os: 'ubuntu', coe: 'mesos' })).toBe(mesos)
    expect(registry.find({ serverType: 'vm', os: 'fedora-atomic', coe: 'mesos' })).toBeUndefined()
  })

  it('takes docker as the only network driver and rexray as the volume driver', () => {
    const opts = { registry: createDriverRegistry([mesos]), isAdmin: false }
    expect(
      validateClusterTemplate({ coe: 'mesos', imageId: 'ubuntu-mesos' }, opts).template.networkDriver,
    ).toBe('docker')
    expect(
      validateClusterTemplate({ coe: 'mesos', imageId: 'u', networkDriver: 'flannel' }, opts).errors[0]
        ?.field,
    ).toBe('network_driver')
    expect(
      validateClusterTemplate({ coe: 'mesos', imageId: 'u', volumeDriver: 'cinder' }, opts).errors[0]?.fix,
    ).toMatch(/rexray/)
    expect(
      validateClusterTemplate({ coe: 'mesos', imageId: 'u', volumeDriver: 'rexray' }, opts).errors,
    ).toEqual([])
  })

  it('accepts a valid set of mesos labels', () => {
    expect(
      mesos.validate?.(
        ctx({
          mesos_slave_isolation: 'filesystem/linux,docker/runtime',
          mesos_slave_image_providers: 'docker,appc',
          mesos_slave_executor_env_variables: '{"PATH": "/bin"}',
          mesos_slave_work_dir: '/tmp/mesos',
        }),
      ),
    ).toEqual([])
  })

  it.each([
    [
      { mesos_slave_isolation: 'filesystem/linux,gpu/nvidia' },
      'labels.mesos_slave_isolation',
      /docker\/runtime/,
    ],
    [{ mesos_slave_image_providers: 'rkt' }, 'labels.mesos_slave_image_providers', /docker, appc/],
    [{ mesos_slave_image_providers: 'docker' }, 'labels.mesos_slave_isolation', /add docker\/runtime/],
    [
      { mesos_slave_image_providers: 'docker', mesos_slave_isolation: 'filesystem/linux' },
      'labels.mesos_slave_isolation',
      /add docker\/runtime/,
    ],
    [
      { mesos_slave_executor_env_variables: 'PATH=/bin' },
      'labels.mesos_slave_executor_env_variables',
      /JSON object/,
    ],
    [
      { mesos_slave_executor_env_variables: '[1]' },
      'labels.mesos_slave_executor_env_variables',
      /JSON object/,
    ],
  ])('reports a Problem for labels %j naming the field and the fix', (labels, field, fix) => {
    const problems = mesos.validate?.(ctx(labels)) ?? []
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe(field)
    expect(problems[0]?.fix).toMatch(fix)
  })

  it('reads image providers case-insensitively, as Magnum does', () => {
    expect(mesos.validate?.(ctx({ mesos_slave_image_providers: 'APPC' }))).toEqual([])
  })
})
