import { InvalidParameterValueError, type Labels } from '@magnum-ts/core'
import type { K8sDriverConfig } from './config.js'

type VolumeKind = 'docker' | 'etcd' | 'boot'

/**
 * The Cinder volume type for a docker, etcd or boot volume: the `<kind>_volume_type` label, else
 * the operator default, else Cinder's default type. `''` when the volume is not created (size 0).
 */
export function volumeType(kind: VolumeKind, size: number, labels: Labels, config: K8sDriverConfig): string {
  if (!(size > 0)) return ''
  const configured = {
    docker: config.defaultDockerVolumeType,
    etcd: config.defaultEtcdVolumeType,
    boot: config.defaultBootVolumeType,
  }[kind]
  const type = labels[`${kind}_volume_type`] || configured || config.cinderDefaultVolumeType
  if (!type) {
    throw new InvalidParameterValueError({
      field: `labels.${kind}_volume_type`,
      message: `a ${size} GB ${kind} volume needs a Cinder volume type, and Cinder offers none`,
      fix: `set the ${kind}_volume_type label, or have the operator create a Cinder volume type`,
    })
  }
  return type
}
