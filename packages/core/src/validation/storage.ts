import { InvalidParameterValueError, type MagnumValidationError } from '../errors.js'

/** The smallest docker volume devicemapper can use (GB). */
export const DEVICEMAPPER_MIN_VOLUME_SIZE = 3

/** Checks `docker_volume_size`: unset, or an integer number of GB ≥ 1 (a digit string is read as one). */
export function parseDockerVolumeSize(
  value: unknown,
): { value: number | undefined } | { error: MagnumValidationError } {
  if (value === undefined || value === null) return { value: undefined }
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    return {
      error: new InvalidParameterValueError({
        field: 'docker_volume_size',
        message: `docker_volume_size ${JSON.stringify(value)} is not valid, expecting a whole number of GB ≥ 1`,
        fix: 'give the size of the Cinder volume for docker in GB (1 or more), or leave it unset for no volume',
      }),
    }
  }
  return { value: number }
}

/** devicemapper needs a docker volume of at least 3 GB (the effective size: cluster's, else template's). */
export function validateDevicemapperVolume(
  dockerStorageDriver: string | undefined,
  dockerVolumeSize: number | undefined,
): MagnumValidationError | undefined {
  if (dockerStorageDriver !== 'devicemapper') return undefined
  if (dockerVolumeSize !== undefined && dockerVolumeSize >= DEVICEMAPPER_MIN_VOLUME_SIZE) return undefined
  return new InvalidParameterValueError({
    field: 'docker_volume_size',
    message: `docker volume size ${dockerVolumeSize ?? 'unset'} GB is not valid, expecting minimum value ${DEVICEMAPPER_MIN_VOLUME_SIZE}GB for devicemapper storage driver`,
    fix: `set docker_volume_size to ${DEVICEMAPPER_MIN_VOLUME_SIZE} or more, or choose another docker_storage_driver (e.g. overlay2)`,
  })
}

/** Checks `apiserver_port`: unset, or 1024–65535. */
export function validateApiserverPort(value: unknown): MagnumValidationError | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 65535) {
    return new InvalidParameterValueError({
      field: 'apiserver_port',
      message: `apiserver_port ${String(value)} is not valid, expecting 1024 to 65535`,
      fix: 'give a port between 1024 and 65535, or leave it unset',
    })
  }
  return undefined
}
