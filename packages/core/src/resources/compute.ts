import { ForbiddenError, NotFoundError, type Session } from '@magnum-ts/auth'
import { findFlavor, findImage, getKeypair, type Image } from '@magnum-ts/compute'
import {
  DuplicateResourceError,
  FlavorNotFoundError,
  ImageNotAuthorizedError,
  ImageNotFoundError,
  KeyPairNotFoundError,
  OsDistroFieldNotFoundError,
} from './errors.js'
import { type CheckOutcome, lookup } from './outcome.js'

type CallOptions = { signal?: AbortSignal }

/** Glance: the image exists, is the only one of its name, and carries `os_distro`. */
export async function checkImage(
  session: Session,
  image: string,
  options: CallOptions,
): Promise<CheckOutcome<Image>> {
  const outcome = await lookup(() => findImage(session, image, options), {
    notFound: (error) => new ImageNotFoundError(image, error.available),
    ambiguous: (error) => new DuplicateResourceError('image', 'image_id', image, error.matches),
    other: (error) =>
      error instanceof ForbiddenError ? new ImageNotAuthorizedError(image, error) : undefined,
  })
  // The image is still returned: a caller may want to show what it found next to the fix.
  if (outcome.value && outcome.value.osDistro === undefined) {
    outcome.errors.push(new OsDistroFieldNotFoundError(outcome.value))
  }
  return outcome
}

/** Nova: the flavor exists and is the only one of its name. */
export async function checkFlavor(
  session: Session,
  field: 'flavor_id' | 'master_flavor_id',
  flavor: string,
  options: CallOptions,
): Promise<CheckOutcome<{ id: string; name: string }>> {
  const resource = field === 'flavor_id' ? 'flavor' : 'master_flavor'
  const outcome = await lookup(() => findFlavor(session, flavor, options), {
    notFound: (error) => new FlavorNotFoundError(field, flavor, error.available),
    ambiguous: (error) => new DuplicateResourceError(resource, field, flavor, error.matches),
  })
  return outcome.value ? { ...outcome, value: { id: outcome.value.id, name: outcome.value.name } } : outcome
}

/** Nova: the keypair exists for the calling user (Magnum answers 404 when it does not). */
export async function checkKeypair(
  session: Session,
  keypair: string,
  options: CallOptions,
): Promise<CheckOutcome<string>> {
  try {
    return { value: (await getKeypair(session, keypair, options)).name, errors: [] }
  } catch (error) {
    if (error instanceof NotFoundError) return { errors: [new KeyPairNotFoundError(keypair)] }
    throw error
  }
}
