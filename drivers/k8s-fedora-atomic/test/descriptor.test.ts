import {
  createDriverRegistry,
  type DriverDescriptor,
  type ValidationContext,
  validateClusterTemplate,
} from '@magnum-ts/core'
import { k8sFedoraAtomicDescriptor as k8s } from '@magnum-ts/driver-k8s-fedora-atomic'
import { describe, expect, it } from 'vitest'

function ctx(over: Partial<ValidationContext> = {}): ValidationContext {
  return {
    clusterTemplate: { coe: 'kubernetes' },
    labels: {},
    dockerVolumeSize: undefined,
    config: {},
    ...over,
  }
}

describe('k8s-fedora-atomic descriptor', () => {
  it('provides (vm, fedora-atomic, kubernetes) with Magnum’s versions', () => {
    expect(k8s.provides).toEqual([{ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' }])
    expect([k8s.name, k8s.version, k8s.containerVersion]).toEqual(['k8s_fedora_atomic_v1', '1.0.0', '1.12.6'])
  })

  it('is picked by the registry for its triple, among other drivers', () => {
    const other: DriverDescriptor = {
      ...k8s,
      name: 'other',
      provides: [{ serverType: 'vm', os: 'ubuntu', coe: 'kubernetes' }],
    }
    const registry = createDriverRegistry([k8s, other])
    expect(registry.get({ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' })).toBe(k8s)
    expect(registry.get({ serverType: 'vm', os: 'ubuntu', coe: 'kubernetes' })).toBe(other)
  })

  it('accepts a plain template and defaults the network driver to flannel', () => {
    expect(k8s.validate?.(ctx())).toEqual([])
    const result = validateClusterTemplate(
      { coe: 'kubernetes', imageId: 'fa27' },
      { registry: createDriverRegistry([k8s]), isAdmin: false, osDistro: 'fedora-atomic' },
    )
    expect(result.errors).toEqual([])
    expect(result.template.networkDriver).toBe('flannel')
  })

  it.each([
    [{ networkDriver: 'docker' }, 'network_driver', /flannel, calico/],
    [{ volumeDriver: 'rexray' }, 'volume_driver', /cinder/],
  ])('refuses %j through its rules', (over, field, fix) => {
    const [error] = validateClusterTemplate(
      { coe: 'kubernetes', imageId: 'fa27', ...over },
      { registry: createDriverRegistry([k8s]), isAdmin: false },
    ).errors
    expect(error?.field).toBe(field)
    expect(error?.fix).toMatch(fix)
  })

  it.each(['vxlan', 'udp', 'host-gw'])('accepts flannel_backend=%s', (backend) => {
    expect(k8s.validate?.(ctx({ labels: { flannel_backend: backend } }))).toEqual([])
  })

  it.each([
    [{ flannel_backend: 'gre' }, 'labels.flannel_backend', /vxlan, udp, host-gw/],
    [{ prometheus_monitoring: 'yes' }, 'labels.prometheus_monitoring', /"true" or "false"/],
    [{ kube_dashboard_enabled: '1' }, 'labels.kube_dashboard_enabled', /"true" or "false"/],
    [{ flannel_network_subnetlen: 'big' }, 'labels.flannel_network_subnetlen', /whole number/],
    [{ etcd_volume_size: '-1' }, 'labels.etcd_volume_size', /whole number/],
    [{ max_node_count: '0' }, 'labels.max_node_count', /at least 1/],
  ])('reports a Problem for labels %j naming the field and the fix', (labels, field, fix) => {
    const problems = k8s.validate?.(ctx({ labels })) ?? []
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe(field)
    expect(problems[0]?.fix).toMatch(fix)
  })

  it('refuses cloud_provider_enabled=true while cluster_user_trust is off', () => {
    const [problem] = k8s.validate?.(ctx({ labels: { cloud_provider_enabled: 'true' } })) ?? []
    expect(problem?.field).toBe('labels.cloud_provider_enabled')
    expect(problem?.fix).toMatch(/clusterUserTrust/)
    expect(
      k8s.validate?.(ctx({ labels: { cloud_provider_enabled: 'true' }, config: { clusterUserTrust: true } })),
    ).toEqual([])
  })

  it('refuses volume_driver=cinder without the cloud provider (its default while cluster_user_trust is off)', () => {
    const [problem] = k8s.validate?.(ctx({ clusterTemplate: { volumeDriver: 'cinder' } })) ?? []
    expect(problem?.field).toBe('volume_driver')
    expect(
      k8s.validate?.(
        ctx({ clusterTemplate: { volumeDriver: 'cinder' }, config: { clusterUserTrust: true } }),
      ),
    ).toEqual([])
    const [explicitOff] =
      k8s.validate?.(
        ctx({
          clusterTemplate: { volumeDriver: 'cinder' },
          labels: { cloud_provider_enabled: 'false' },
          config: { clusterUserTrust: true },
        }),
      ) ?? []
    expect(explicitOff?.field).toBe('volume_driver')
  })

  it('surfaces its Problems as typed 400 errors through core validation', () => {
    const [error] = validateClusterTemplate(
      { coe: 'kubernetes', imageId: 'fa27', labels: { flannel_backend: 'gre' } },
      { registry: createDriverRegistry([k8s]), isAdmin: false },
    ).errors
    expect(error?.status).toBe(400)
    expect(error?.field).toBe('labels.flannel_backend')
  })
})

describe('coe k8s', () => {
  it('is refused with "Requested COE type k8s is not supported." and points at kubernetes', () => {
    const [error] = validateClusterTemplate(
      { coe: 'k8s', imageId: 'fa27' },
      { registry: createDriverRegistry([k8s]), isAdmin: false },
    ).errors
    expect(error?.problem).toBe('Requested COE type k8s is not supported.')
    expect(error?.fix).toBe('use coe "kubernetes": the COE is named "kubernetes"')
  })
})
