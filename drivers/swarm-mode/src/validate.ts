import {
  DEVICEMAPPER_MIN_VOLUME_SIZE,
  labelBoolean,
  labelOneOf,
  type Problem,
  type ValidationContext,
} from '@magnum-ts/core'

/** Placement strategies Magnum accepts in the `swarm_strategy` label. */
export const SWARM_STRATEGIES = ['spread', 'binpack', 'random'] as const

/**
 * Docker storage drivers known to break containers on a given image os_distro. Seed 000: with
 * `overlay` on Fedora Atomic every container dies with `standard_init_linux.go: exec user
 * process caused "permission denied"` (SELinux labels on overlay), long after the cluster
 * reported CREATE_COMPLETE.
 */
export const BROKEN_STORAGE_DRIVERS: Readonly<Record<string, readonly string[]>> = {
  'fedora-atomic': ['overlay'],
}

/** swarm-mode rules: storage driver vs image, devicemapper volume size, labels. */
export function validateSwarmMode(ctx: ValidationContext): Problem[] {
  const problems: (Problem | undefined)[] = [
    storageDriverProblem(ctx),
    devicemapperProblem(ctx),
    labelOneOf(ctx.labels, 'swarm_strategy', SWARM_STRATEGIES),
    labelBoolean(ctx.labels, 'rexray_preempt'),
  ]
  return problems.filter((p): p is Problem => p !== undefined)
}

function storageDriverProblem(ctx: ValidationContext): Problem | undefined {
  const storage = ctx.clusterTemplate.dockerStorageDriver
  // The driver only serves fedora-atomic, so that is the image when Glance has not answered yet.
  const os = (ctx.osDistro ?? 'fedora-atomic').toLowerCase()
  if (storage === undefined || !(BROKEN_STORAGE_DRIVERS[os] ?? []).includes(storage)) return undefined
  return {
    field: 'docker_storage_driver',
    message: `docker_storage_driver "${storage}" does not work on ${os} images: containers fail to start with 'exec user process caused "permission denied"'`,
    fix: `use docker_storage_driver "devicemapper" with docker_volume_size ≥ ${DEVICEMAPPER_MIN_VOLUME_SIZE}, the combination swarm-mode on Fedora Atomic is tested with`,
    code: 'STORAGE_DRIVER_UNSUPPORTED',
  }
}

function devicemapperProblem(ctx: ValidationContext): Problem | undefined {
  if (ctx.clusterTemplate.dockerStorageDriver !== 'devicemapper') return undefined
  const size = ctx.dockerVolumeSize
  if (size !== undefined && size >= DEVICEMAPPER_MIN_VOLUME_SIZE) return undefined
  return {
    field: 'docker_volume_size',
    message: `docker volume size ${size ?? 'unset'} GB is too small for the devicemapper storage driver (minimum ${DEVICEMAPPER_MIN_VOLUME_SIZE} GB)`,
    fix: `set docker_volume_size to ${DEVICEMAPPER_MIN_VOLUME_SIZE} or more (a Cinder volume per node backs devicemapper)`,
  }
}
