import {
  checkOpenStackResources,
  DuplicateResourceError,
  ExternalNetworkNotFoundError,
  FixedNetworkNotFoundError,
  FixedSubnetNotFoundError,
  FlavorNotFoundError,
  ImageNotAuthorizedError,
  ImageNotFoundError,
  KeyPairNotFoundError,
  MagnumValidationError,
  OsDistroFieldNotFoundError,
  ServiceNotInCatalogError,
  ValidationErrors,
  VolumeTypeNotFoundError,
  validateOpenStackResources,
} from '@magnum-ts/core'
import { defaultWorld } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'
import { heatCloud, template, withCatalog, without } from './support.js'

describe('validateOpenStackResources on the default world', () => {
  it('resolves the image with its os_distro, the flavors and the external network', async () => {
    const cloud = heatCloud()
    const resolved = await validateOpenStackResources(cloud.session(), {
      template: template(),
      cluster: { keypair: 'default' },
    })
    const image = [...cloud.state.image.images.values()].find((i) => i.name === 'fedora-atomic-latest')
    expect(resolved.image?.id).toBe(image?.id)
    expect(resolved.image?.osDistro).toBe('fedora-atomic')
    expect(resolved.flavor).toEqual({ id: '2', name: 'm1.small' })
    expect(resolved.masterFlavor).toEqual({ id: '3', name: 'm1.medium' })
    expect(resolved.externalNetwork?.name).toBe('public')
    expect(resolved.octaviaEnabled).toBe(true)
    expect(resolved.volumeTypes).toEqual({})
  })

  it('takes the cluster value before the template value', async () => {
    const cloud = heatCloud()
    const resolved = await validateOpenStackResources(cloud.session(), {
      template: template({ flavorId: 'no-such-flavor' }),
      cluster: { flavorId: 'm1.medium' },
    })
    expect(resolved.flavor?.name).toBe('m1.medium')
  })
})

describe('each failure is typed, with Magnum status, field and fix', () => {
  it('a missing image → 400 ImageNotFound', async () => {
    const error = await validateOpenStackResources(heatCloud().session(), {
      template: template({ imageId: 'fedora-coreos-40' }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImageNotFoundError)
    expect(error).toMatchObject({ status: 400, field: 'image_id', code: 'IMAGE_NOT_FOUND' })
    expect((error as Error).message).toContain('openstack image list')
  })

  it('two images of one name → 409, naming both ids', async () => {
    const world = defaultWorld()
    world.images?.push({
      name: 'fedora-atomic-latest',
      visibility: 'public',
      properties: { os_distro: 'fedora-atomic' },
    })
    const cloud = heatCloud({ world })
    const error = await validateOpenStackResources(cloud.session(), { template: template() }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DuplicateResourceError)
    expect(error).toMatchObject({ status: 409, field: 'image_id' })
    const ids = [...cloud.state.image.images.values()]
      .filter((i) => i.name === 'fedora-atomic-latest')
      .map((i) => i.id)
    expect((error as DuplicateResourceError).matches.map((m) => m.id).sort()).toEqual(ids.sort())
  })

  it('Glance refusing the image → 403 ImageNotAuthorized', async () => {
    const cloud = heatCloud()
    cloud.faults.add({ service: 'image', method: 'GET', path: '/images', status: 403 })
    const error = await validateOpenStackResources(cloud.session(), { template: template() }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ImageNotAuthorizedError)
    expect(error).toMatchObject({ status: 403, field: 'image_id', code: 'IMAGE_NOT_AUTHORIZED' })
  })

  it('an image without os_distro → 400 saying how to set it, and the image is still resolved', async () => {
    const world = defaultWorld()
    world.images?.push({ name: 'plain-fedora', visibility: 'public' })
    const report = await checkOpenStackResources(heatCloud({ world }).session(), {
      template: template({ imageId: 'plain-fedora' }),
    })
    expect(report.errors).toHaveLength(1)
    const [error] = report.errors
    expect(error).toBeInstanceOf(OsDistroFieldNotFoundError)
    expect(error?.status).toBe(400)
    expect(error?.fix).toContain('openstack image set --property os_distro=fedora-atomic')
    expect(report.resolved.image?.name).toBe('plain-fedora')
  })

  it('unknown flavor and master flavor → two 400s, one per field', async () => {
    const report = await checkOpenStackResources(heatCloud().session(), {
      template: template({ flavorId: 'm9.huge', masterFlavorId: 'm9.giant' }),
    })
    expect(report.errors.map((e) => [e.constructor, e.status, e.field])).toEqual(
      expect.arrayContaining([
        [FlavorNotFoundError, 400, 'flavor_id'],
        [FlavorNotFoundError, 400, 'master_flavor_id'],
      ]),
    )
    expect(report.errors[0]?.fix).toContain('m1.small')
  })

  it('a missing keypair → 404 on cluster create, but the template keypair is not checked', async () => {
    const cloud = heatCloud()
    const error = await validateOpenStackResources(cloud.session(), {
      template: template(),
      cluster: { keypair: 'mykey' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KeyPairNotFoundError)
    expect(error).toMatchObject({ status: 404, field: 'keypair' })
    expect((error as Error).message).toContain('openstack keypair create')
    await expect(
      validateOpenStackResources(cloud.session(), { template: template({ keypairId: 'mykey' }) }),
    ).resolves.toBeDefined()
  })

  it('an external network that is not router:external → 400 naming the fix', async () => {
    const cloud = heatCloud()
    const privateNet = [...cloud.state.network.networks.values()].find((n) => n.name === 'private')
    const error = await validateOpenStackResources(cloud.session(), {
      template: template({ externalNetworkId: 'private' }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExternalNetworkNotFoundError)
    expect(error).toMatchObject({ status: 400, field: 'external_network_id' })
    expect((error as Error).message).toContain(`openstack network set --external ${privateNet?.id}`)
  })

  it('a fixed network and subnet that do not exist → 400 each', async () => {
    const report = await checkOpenStackResources(heatCloud().session(), {
      template: template(),
      cluster: { fixedNetwork: 'nope-net', fixedSubnet: 'nope-subnet' },
    })
    expect(report.errors.map((e) => e.constructor)).toEqual(
      expect.arrayContaining([FixedNetworkNotFoundError, FixedSubnetNotFoundError]),
    )
  })

  it('a subnet of another network → 400 naming the network it belongs to', async () => {
    const cloud = heatCloud()
    const publicNet = [...cloud.state.network.networks.values()].find((n) => n.name === 'public')
    const report = await checkOpenStackResources(cloud.session(), {
      template: template({ fixedNetwork: 'private', fixedSubnet: 'public-subnet' }),
    })
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0]).toBeInstanceOf(FixedSubnetNotFoundError)
    expect(report.errors[0]?.problem).toContain(publicNet?.id)
    const ok = await validateOpenStackResources(cloud.session(), {
      template: template({ fixedNetwork: 'private', fixedSubnet: 'private-subnet' }),
    })
    expect(ok.fixedSubnet?.name).toBe('private-subnet')
  })
})

describe('volume types: label → configured default → Cinder default', () => {
  it('is not looked up when no volume is requested', async () => {
    const world = defaultWorld()
    world.volumeTypes = []
    const resolved = await validateOpenStackResources(heatCloud({ world }).session(), {
      template: template(),
    })
    expect(resolved.volumeTypes).toEqual({})
  })

  it("uses Cinder's default for a docker volume with no label and no configuration", async () => {
    const resolved = await validateOpenStackResources(heatCloud().session(), {
      template: template({ dockerVolumeSize: 10 }),
    })
    expect(resolved.volumeTypes.docker?.name).toBe('lvmdriver-1')
  })

  it('prefers the label, then the configured default', async () => {
    const world = defaultWorld()
    world.volumeTypes?.push({ name: 'ssd' }, { name: 'etcd-fast' })
    const session = heatCloud({ world }).session()
    const resolved = await validateOpenStackResources(session, {
      template: template({
        dockerVolumeSize: 10,
        labels: { etcd_volume_size: '2', docker_volume_type: 'ssd' },
      }),
      needs: { volumeTypeDefaults: { docker: 'lvmdriver-1', etcd: 'etcd-fast' } },
    })
    expect(resolved.volumeTypes.docker?.name).toBe('ssd')
    expect(resolved.volumeTypes.etcd?.name).toBe('etcd-fast')
  })

  it('a labelled type Cinder lacks → 400 on the label, listing what exists', async () => {
    const error = await validateOpenStackResources(heatCloud().session(), {
      template: template({ dockerVolumeSize: 5, labels: { docker_volume_type: 'gold' } }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VolumeTypeNotFoundError)
    expect(error).toMatchObject({ status: 400, field: 'labels.docker_volume_type' })
    expect((error as VolumeTypeNotFoundError).fix).toContain('lvmdriver-1')
  })

  it('no volume type at all → seed 000\'s "The VolumeType () could not be found", with the fix', async () => {
    const cloud = heatCloud()
    cloud.state.blockStorage.volumeTypes.clear()
    cloud.state.blockStorage.defaultVolumeType = undefined
    const error = await validateOpenStackResources(cloud.session(), {
      template: template({ dockerVolumeSize: 10 }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VolumeTypeNotFoundError)
    expect((error as Error).message).toContain('The VolumeType () could not be found')
    expect((error as VolumeTypeNotFoundError).fix).toContain('openstack volume type create')
    expect((error as VolumeTypeNotFoundError).fix).toContain('default_docker_volume_type')
  })

  it('a volume without Cinder in the catalog → 400 saying so', async () => {
    const session = withCatalog(
      heatCloud().session(),
      without('block-storage', 'volumev3', 'volumev2', 'volume'),
    )
    const error = await validateOpenStackResources(session, {
      template: template({ dockerVolumeSize: 10 }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VolumeTypeNotFoundError)
    expect((error as Error).message).toContain('no block-storage (Cinder) service')
  })
})

describe('services the template needs', () => {
  const noOctavia = without('load-balancer')

  it('master_lb_enabled or the octavia ingress label without Octavia → 400 each', async () => {
    const session = withCatalog(heatCloud().session(), noOctavia)
    const report = await checkOpenStackResources(session, {
      template: template({ masterLbEnabled: true, labels: { ingress_controller: 'Octavia' } }),
    })
    expect(report.resolved.octaviaEnabled).toBe(false)
    expect(report.errors.map((e) => [e.constructor, e.field])).toEqual([
      [ServiceNotInCatalogError, 'master_lb_enabled'],
      [ServiceNotInCatalogError, 'labels.ingress_controller'],
    ])
    const plain = await checkOpenStackResources(session, { template: template() })
    expect(plain.errors).toEqual([])
  })

  it('the barbican cert store without key-manager → 400 naming the other stores (seed 000)', async () => {
    const session = withCatalog(heatCloud().session(), without('key-manager'))
    const error = await validateOpenStackResources(session, {
      template: template(),
      needs: { certStore: 'barbican' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceNotInCatalogError)
    expect(error).toMatchObject({ status: 400, serviceType: 'key-manager' })
    expect((error as Error).message).toContain('local:DIR')
    await expect(
      validateOpenStackResources(session, { template: template(), needs: { certStore: 'store' } }),
    ).resolves.toBeDefined()
  })
})

describe('every problem at once', () => {
  it('reports image, flavors, keypair, network, volume type and Octavia together', async () => {
    const cloud = heatCloud()
    cloud.state.blockStorage.volumeTypes.clear()
    cloud.state.blockStorage.defaultVolumeType = undefined
    const session = withCatalog(cloud.session(), without('load-balancer'))
    const error = await validateOpenStackResources(session, {
      template: template({
        imageId: 'missing-image',
        flavorId: 'missing-flavor',
        masterFlavorId: 'missing-master',
        externalNetworkId: 'private',
        dockerVolumeSize: 3,
        masterLbEnabled: true,
      }),
      cluster: { keypair: 'missing-key' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationErrors)
    const errors = (error as ValidationErrors).errors
    expect(errors.every((e) => e instanceof MagnumValidationError)).toBe(true)
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'external_network_id',
        'flavor_id',
        'image_id',
        'keypair',
        'labels.docker_volume_type',
        'master_flavor_id',
        'master_lb_enabled',
      ].sort(),
    )
  })

  it('rethrows an outage instead of reporting it as a bad template', async () => {
    const cloud = heatCloud()
    cloud.faults.fail('image', 500)
    await expect(
      checkOpenStackResources(cloud.session({ retry: { retries: 0 } }), { template: template() }),
    ).rejects.toMatchObject({ status: 500, service: 'image' })
  })
})
