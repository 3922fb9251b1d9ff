import { type MagnumStatus, MagnumValidationError, type ValidationErrorDetails } from '../errors.js'

/** The OpenStack resource (or catalog service) a check was about. */
export type CheckedResource =
  | 'image'
  | 'flavor'
  | 'master_flavor'
  | 'keypair'
  | 'external_network'
  | 'fixed_network'
  | 'fixed_subnet'
  | 'volume_type'
  | 'service'

/**
 * A template or cluster refers to an OpenStack resource that is missing, ambiguous or unusable:
 * Magnum's `validate_os_resources` family, with Magnum's status and a fix.
 */
export class OpenStackResourceError extends MagnumValidationError {
  readonly resource: CheckedResource
  constructor(
    code: string,
    status: MagnumStatus,
    resource: CheckedResource,
    details: ValidationErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, status, details)
    this.resource = resource
    if (options?.cause !== undefined) this.cause = options.cause
  }
}

/** Glance has no image by that name or id (Magnum's `ImageNotFound`, 400). */
export class ImageNotFoundError extends OpenStackResourceError {
  constructor(image: string, available: string[] | undefined) {
    super('IMAGE_NOT_FOUND', 400, 'image', {
      field: 'image_id',
      message: `Image ${image} could not be found`,
      fix: `give the name or id of an image this project can see (openstack image list)${
        available && available.length > 0 ? `; visible: ${available.slice(0, 10).join(', ')}` : ''
      }`,
    })
  }
}

/** Glance refused to show the image to this project (Magnum's `ImageNotAuthorized`, 403). */
export class ImageNotAuthorizedError extends OpenStackResourceError {
  constructor(image: string, cause: unknown) {
    super(
      'IMAGE_NOT_AUTHORIZED',
      403,
      'image',
      {
        field: 'image_id',
        message: `Not authorized for image ${image}`,
        fix: 'use a public image or one shared with this project (openstack image add project <image> <project>)',
      },
      { cause },
    )
  }
}

/** The image has no `os_distro` property, so no driver can be chosen (Magnum's `OSDistroFieldNotFound`, 400). */
export class OsDistroFieldNotFoundError extends OpenStackResourceError {
  readonly imageId: string
  constructor(image: { id: string; name?: string | null | undefined }) {
    super('OS_DISTRO_FIELD_NOT_FOUND', 400, 'image', {
      field: 'image_id',
      message: `Image ${image.name ?? image.id} (${image.id}) doesn't contain os_distro field`,
      fix: `set the property Magnum picks the driver from, e.g. openstack image set --property os_distro=fedora-atomic ${image.id}`,
    })
    this.imageId = image.id
  }
}

/** Several resources answer to one name (Magnum's `Conflict`, 409). */
export class DuplicateResourceError extends OpenStackResourceError {
  readonly matches: { id: string; name: string }[]
  constructor(
    resource: CheckedResource,
    field: string,
    searched: string,
    matches: { id: string; name: string }[],
  ) {
    super('RESOURCE_CONFLICT', 409, resource, {
      field,
      message: `Multiple ${resource.replace('_', ' ')}s exist with same name ${searched}: ${matches.map((m) => m.id).join(', ')}`,
      fix: `give the id instead of the name (one of ${matches.map((m) => m.id).join(', ')}), or rename the duplicates`,
    })
    this.matches = matches
  }
}

/** Nova has no such flavor (Magnum's `FlavorNotFound`, 400). */
export class FlavorNotFoundError extends OpenStackResourceError {
  constructor(field: 'flavor_id' | 'master_flavor_id', flavor: string, available: string[] | undefined) {
    super('FLAVOR_NOT_FOUND', 400, field === 'flavor_id' ? 'flavor' : 'master_flavor', {
      field,
      message: `Unable to find flavor ${flavor}`,
      fix: `give the name or id of a flavor this project can use (openstack flavor list)${
        available && available.length > 0 ? `; available: ${available.slice(0, 10).join(', ')}` : ''
      }`,
    })
  }
}

/** Nova has no keypair of that name for this user (Magnum's `KeyPairNotFound`, 404). */
export class KeyPairNotFoundError extends OpenStackResourceError {
  constructor(keypair: string) {
    super('KEYPAIR_NOT_FOUND', 404, 'keypair', {
      field: 'keypair',
      message: `Unable to find keypair ${keypair}`,
      fix: `import one (openstack keypair create --public-key ~/.ssh/id_rsa.pub ${keypair}) or give an existing keypair (openstack keypair list); keypairs belong to the user, not the project`,
    })
  }
}

/** The external network is missing or is not `router:external` (Magnum's `ExternalNetworkNotFound`, 400). */
export class ExternalNetworkNotFoundError extends OpenStackResourceError {
  constructor(network: string, reason: 'missing' | { notExternal: string }) {
    super('EXTERNAL_NETWORK_NOT_FOUND', 400, 'external_network', {
      field: 'external_network_id',
      message:
        reason === 'missing'
          ? `Unable to find external network ${network}`
          : `Network ${network} (${reason.notExternal}) is not an external network (router:external is false)`,
      fix:
        reason === 'missing'
          ? 'give an external network (openstack network list --external)'
          : `give an external network (openstack network list --external), or have an admin run: openstack network set --external ${reason.notExternal}`,
    })
  }
}

/** The fixed network does not exist (Magnum's `FixedNetworkNotFound`, 400). */
export class FixedNetworkNotFoundError extends OpenStackResourceError {
  constructor(network: string) {
    super('FIXED_NETWORK_NOT_FOUND', 400, 'fixed_network', {
      field: 'fixed_network',
      message: `Unable to find fixed network ${network}`,
      fix: 'give a network this project can use (openstack network list), or leave fixed_network unset to let the cluster create its own',
    })
  }
}

/** The fixed subnet does not exist or is not on the fixed network (Magnum's `FixedSubnetNotFound`, 400). */
export class FixedSubnetNotFoundError extends OpenStackResourceError {
  constructor(subnet: string, notOn?: { network: string; subnetNetworkId: string }) {
    super('FIXED_SUBNET_NOT_FOUND', 400, 'fixed_subnet', {
      field: 'fixed_subnet',
      message: notOn
        ? `Subnet ${subnet} belongs to network ${notOn.subnetNetworkId}, not to the fixed network ${notOn.network}`
        : `Unable to find fixed subnet ${subnet}`,
      fix: notOn
        ? `give a subnet of ${notOn.network} (openstack subnet list --network ${notOn.network})`
        : 'give a subnet of the fixed network (openstack subnet list --network <fixed_network>)',
    })
  }
}

/** No usable Cinder volume type for a requested volume (Magnum's `VolumeTypeNotFound`, 400). */
export class VolumeTypeNotFoundError extends OpenStackResourceError {
  constructor(field: string, message: string, fix: string) {
    super('VOLUME_TYPE_NOT_FOUND', 400, 'volume_type', { field, message, fix })
  }
}

/** A service the template needs is absent from the catalog (400, as Magnum's octavia ingress check). */
export class ServiceNotInCatalogError extends OpenStackResourceError {
  readonly serviceType: string
  constructor(serviceType: string, details: ValidationErrorDetails) {
    super('SERVICE_NOT_IN_CATALOG', 400, 'service', details)
    this.serviceType = serviceType
  }
}
