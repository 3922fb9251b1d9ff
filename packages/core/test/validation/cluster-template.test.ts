import {
  ClusterTemplatePublishDeniedError,
  ClusterTemplateReferencedError,
  ClusterTypeNotSupportedError,
  CoeNotSupportedError,
  createDriverRegistry,
  InvalidParameterValueError,
  RequiredParameterMissingError,
  throwIfInvalid,
  ValidationErrors,
  validateClusterTemplate,
  validateClusterTemplateDelete,
  validateClusterTemplateUpdate,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { kubernetes, registry, storedTemplate } from '../fixtures.js'

const base = { coe: 'kubernetes', imageId: 'fedora-atomic-27' }
const user = { registry: registry(), isAdmin: false }

describe('validateClusterTemplate: mandatory fields and COE', () => {
  it('fills Magnum defaults and reports the default network driver for persisting (oracle 11)', () => {
    const result = validateClusterTemplate(base, user)
    expect(result.errors).toEqual([])
    expect(result.template).toMatchObject({
      networkDriver: 'flannel',
      serverType: 'vm',
      floatingIpEnabled: true,
      masterLbEnabled: false,
      tlsDisabled: false,
      registryEnabled: false,
      public: false,
      hidden: false,
      labels: {},
    })
    expect(result.defaulted).toEqual(['network_driver'])
    expect(result.driver?.name).toBe('test_k8s')
  })

  it('fills the default of the COE: docker for swarm-mode and mesos', () => {
    expect(validateClusterTemplate({ ...base, coe: 'swarm-mode' }, user).template.networkDriver).toBe(
      'docker',
    )
    expect(validateClusterTemplate({ ...base, coe: 'mesos' }, user).template.networkDriver).toBe('docker')
  })

  it('does not report a given network driver as defaulted', () => {
    const result = validateClusterTemplate({ ...base, networkDriver: 'calico' }, user)
    expect(result.template.networkDriver).toBe('calico')
    expect(result.defaulted).toEqual([])
  })

  it('requires coe and image_id', () => {
    const { errors } = validateClusterTemplate({}, user)
    expect(errors.map((e) => [e.constructor, e.field, e.status])).toEqual([
      [RequiredParameterMissingError, 'coe', 400],
      [RequiredParameterMissingError, 'image_id', 400],
    ])
    expect(errors[0]?.fix).toContain('kubernetes, swarm-mode, mesos')
  })

  it.each(['k8s', 'storm', 'dcos'])(
    'rejects coe %s: "Requested COE type X is not supported." (oracle 11)',
    (coe) => {
      const [error] = validateClusterTemplate({ ...base, coe }, user).errors
      expect(error).toBeInstanceOf(CoeNotSupportedError)
      expect(error?.status).toBe(400)
      expect(error?.problem).toBe(`Requested COE type ${coe} is not supported.`)
    },
  )

  it('refuses the legacy coe swarm with the hint of the driver that replaces it (seed 000)', () => {
    const [error] = validateClusterTemplate({ ...base, coe: 'swarm' }, user).errors
    expect(error).toBeInstanceOf(CoeNotSupportedError)
    expect(error?.problem).toBe('Requested COE type swarm is not supported.')
    expect(error?.fix).toBe('use coe "swarm-mode": the legacy etcd-based swarm COE is not supported')
  })

  it('gives no swarm-mode hint when no installed driver offers one', () => {
    const [error] = validateClusterTemplate(
      { ...base, coe: 'swarm' },
      { ...user, registry: createDriverRegistry([kubernetes]) },
    ).errors
    expect(error?.fix).toBe('use one of the installed COEs: kubernetes')
  })

  it('lists the installed COEs when the COE is unknown', () => {
    const [error] = validateClusterTemplate({ ...base, coe: 'storm' }, user).errors
    expect(error?.fix).toBe('use one of the installed COEs: kubernetes, swarm-mode, mesos')
  })
})

describe('validateClusterTemplate: per-COE rules (§4)', () => {
  it.each([
    ['kubernetes', 'docker', 'flannel/calico/unspecified'],
    ['swarm-mode', 'calico', 'docker/flannel/unspecified'],
    ['mesos', 'flannel', 'docker/unspecified'],
  ])('%s rejects network driver %s in Magnum words', (coe, networkDriver, expecting) => {
    const [error] = validateClusterTemplate({ ...base, coe, networkDriver }, user).errors
    expect(error?.field).toBe('network_driver')
    expect(error?.problem).toBe(
      `Network driver type ${networkDriver} is not supported, expecting a ${expecting} network driver.`,
    )
  })

  it.each([
    ['kubernetes', 'rexray'],
    ['swarm-mode', 'cinder'],
    ['mesos', 'cinder'],
  ])('%s rejects volume driver %s', (coe, volumeDriver) => {
    const [error] = validateClusterTemplate({ ...base, coe, volumeDriver }, user).errors
    expect(error?.field).toBe('volume_driver')
    expect(error?.status).toBe(400)
  })

  it('rejects a server type other than vm or bm', () => {
    const [error] = validateClusterTemplate({ ...base, serverType: 'container' as 'vm' }, user).errors
    expect(error?.field).toBe('server_type')
  })

  it.each([-1, 'notanint', 0, 2.5])('rejects docker_volume_size %j (oracle 11)', (size) => {
    const [error] = validateClusterTemplate({ ...base, dockerVolumeSize: size as number }, user).errors
    expect(error).toBeInstanceOf(InvalidParameterValueError)
    expect(error?.field).toBe('docker_volume_size')
  })

  it.each([undefined, 1, 2])('rejects devicemapper with a docker volume of %j GB (oracle 11)', (size) => {
    const [error] = validateClusterTemplate(
      { ...base, dockerStorageDriver: 'devicemapper', dockerVolumeSize: size },
      user,
    ).errors
    expect(error?.field).toBe('docker_volume_size')
    expect(error?.problem).toContain('minimum value 3GB for devicemapper')
  })

  it('accepts devicemapper with 3 GB and overlay2 without a volume', () => {
    expect(
      validateClusterTemplate({ ...base, dockerStorageDriver: 'devicemapper', dockerVolumeSize: 3 }, user)
        .errors,
    ).toEqual([])
    expect(validateClusterTemplate({ ...base, dockerStorageDriver: 'overlay2' }, user).errors).toEqual([])
  })

  it('parses dns_nameserver and refuses a non-address', () => {
    expect(
      validateClusterTemplate({ ...base, dnsNameserver: ['8.8.8.8'] }, user).template.dnsNameserver,
    ).toEqual(['8.8.8.8'])
    const [error] = validateClusterTemplate({ ...base, dnsNameserver: ['8.8.8.8', 'google'] }, user).errors
    expect(error?.field).toBe('dns_nameserver')
  })

  it('checks apiserver_port is 1024–65535', () => {
    expect(validateClusterTemplate({ ...base, apiserverPort: 443 }, user).errors[0]?.field).toBe(
      'apiserver_port',
    )
    expect(validateClusterTemplate({ ...base, apiserverPort: 6443 }, user).errors).toEqual([])
  })

  it("runs the driver's rules and turns its Problems into typed errors", () => {
    const [error] = validateClusterTemplate({ ...base, labels: { flannel_backend: 'gre' } }, user).errors
    expect(error).toBeInstanceOf(InvalidParameterValueError)
    expect(error?.field).toBe('labels.flannel_backend')
  })

  it('selects the driver by (server_type, os_distro, coe) once the image is known', () => {
    const ok = validateClusterTemplate(base, { ...user, osDistro: 'fedora-atomic' })
    expect(ok.driver?.name).toBe('test_k8s')
    const [error] = validateClusterTemplate(base, { ...user, osDistro: 'ubuntu' }).errors
    expect(error).toBeInstanceOf(ClusterTypeNotSupportedError)
    expect(error?.problem).toBe('Cluster type (vm, ubuntu, kubernetes) not supported')
  })
})

describe('validateClusterTemplate: publish policy', () => {
  it.each(['public', 'hidden'] as const)('refuses %s=true from a non-admin with 403', (field) => {
    const [error] = validateClusterTemplate({ ...base, [field]: true }, user).errors
    expect(error).toBeInstanceOf(ClusterTemplatePublishDeniedError)
    expect(error?.status).toBe(403)
    expect(error?.field).toBe(field)
  })

  it('lets an admin publish', () => {
    expect(
      validateClusterTemplate({ ...base, public: true, hidden: true }, { ...user, isAdmin: true }).errors,
    ).toEqual([])
  })
})

describe('validateClusterTemplateUpdate: template in use (oracle 11, §3)', () => {
  const current = storedTemplate()
  const inUse = { ...user, inUse: true }

  it('refuses a network_driver change with ClusterTemplateReferenced (400)', () => {
    const [error] = validateClusterTemplateUpdate(current, { networkDriver: 'calico' }, inUse).errors
    expect(error).toBeInstanceOf(ClusterTemplateReferencedError)
    expect(error?.status).toBe(400)
    expect(error?.field).toBe('network_driver')
  })

  it('allows a rename on its own', () => {
    const result = validateClusterTemplateUpdate(current, { name: 'renamed' }, inUse)
    expect(result.errors).toEqual([])
    expect(result.template.name).toBe('renamed')
  })

  it('allows public=true and hidden toggles for an admin, each on its own', () => {
    const admin = { ...inUse, isAdmin: true }
    expect(validateClusterTemplateUpdate(current, { public: true }, admin).errors).toEqual([])
    expect(validateClusterTemplateUpdate(current, { hidden: true }, admin).errors).toEqual([])
    const published = storedTemplate({ public: true })
    expect(validateClusterTemplateUpdate(published, { public: false }, admin).errors[0]).toBeInstanceOf(
      ClusterTemplateReferencedError,
    )
  })

  it('refuses a rename together with another change', () => {
    const [error] = validateClusterTemplateUpdate(current, { name: 'x', flavorId: 'm1.large' }, inUse).errors
    expect(error).toBeInstanceOf(ClusterTemplateReferencedError)
    expect(error?.field).toBe('flavor_id')
  })

  it('ignores fields given with their current value', () => {
    expect(
      validateClusterTemplateUpdate(
        current,
        { name: 'renamed', coe: 'kubernetes', labels: { ...current.labels } },
        inUse,
      ).errors,
    ).toEqual([])
  })

  it('allows any valid change when no cluster uses the template', () => {
    const result = validateClusterTemplateUpdate(
      current,
      { networkDriver: 'calico' },
      { ...user, inUse: false },
    )
    expect(result.errors).toEqual([])
    expect(result.template.networkDriver).toBe('calico')
  })

  it('still validates the new values', () => {
    const [error] = validateClusterTemplateUpdate(
      current,
      { networkDriver: 'weave' },
      { ...user, inUse: false },
    ).errors
    expect(error?.field).toBe('network_driver')
  })

  it('refuses public or hidden from a non-admin with 403, and never a change of project_id', () => {
    const notInUse = { ...user, inUse: false }
    expect(validateClusterTemplateUpdate(current, { hidden: true }, notInUse).errors[0]?.status).toBe(403)
    expect(validateClusterTemplateUpdate(current, { projectId: 'other' }, notInUse).errors[0]?.field).toBe(
      'project_id',
    )
  })

  it('lets a non-admin rename a template an admin published', () => {
    const published = storedTemplate({ public: true })
    expect(validateClusterTemplateUpdate(published, { name: 'n' }, { ...user, inUse: false }).errors).toEqual(
      [],
    )
  })

  it('refuses a delete while in use (400) and allows it otherwise', () => {
    expect(validateClusterTemplateDelete(current, true)).toBeInstanceOf(ClusterTemplateReferencedError)
    expect(validateClusterTemplateDelete(current, true)?.status).toBe(400)
    expect(validateClusterTemplateDelete(current, false)).toBeUndefined()
  })
})

describe('throwIfInvalid', () => {
  it('throws the single error, or all of them together', () => {
    expect(() => throwIfInvalid([])).not.toThrow()
    const { errors } = validateClusterTemplate({}, user)
    expect(() => throwIfInvalid(errors.slice(0, 1))).toThrow(RequiredParameterMissingError)
    try {
      throwIfInvalid(errors)
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationErrors)
      expect((error as ValidationErrors).errors).toHaveLength(2)
      expect((error as ValidationErrors).status).toBe(400)
    }
    expect.assertions(5)
  })
})

describe('validateClusterTemplate: field types', () => {
  it('refuses a non-string where a name or id is expected', () => {
    const [error] = validateClusterTemplate({ ...base, flavorId: 42 as unknown as string }, user).errors
    expect(error?.field).toBe('flavor_id')
  })

  it('refuses a non-boolean flag', () => {
    const [error] = validateClusterTemplate(
      { ...base, tlsDisabled: 'yes' as unknown as boolean },
      user,
    ).errors
    expect(error?.field).toBe('tls_disabled')
  })
})
