import { EndpointNotFoundError, matchNameOrId, NotFoundError, type Session, toArray } from '@magnum-ts/auth'
import { defaultVolumeType, listVolumeTypes, type VolumeType } from '@magnum-ts/network'
import type { Labels } from '../models/common.js'
import { DuplicateResourceError, VolumeTypeNotFoundError } from './errors.js'
import type { CheckOutcome } from './outcome.js'
import type { VolumeKind, VolumeTypeDefaults } from './types.js'

type CallOptions = { signal?: AbortSignal }

/** The label that sizes each volume, and the one that names its type. */
const VOLUME_LABELS: Record<VolumeKind, { size: string; type: string; config: string }> = {
  docker: { size: 'docker_volume_size', type: 'docker_volume_type', config: 'default_docker_volume_type' },
  etcd: { size: 'etcd_volume_size', type: 'etcd_volume_type', config: 'default_etcd_volume_type' },
  boot: { size: 'boot_volume_size', type: 'boot_volume_type', config: 'default_boot_volume_type' },
}

/** Which volumes the cluster will create: docker when its size is > 0, etcd and boot when their size label is ≥ 1. */
export function requestedVolumes(dockerVolumeSize: number | undefined, labels: Labels): VolumeKind[] {
  const kinds: VolumeKind[] = []
  if (dockerVolumeSize !== undefined && dockerVolumeSize > 0) kinds.push('docker')
  for (const kind of ['etcd', 'boot'] as const) {
    const size = Number.parseInt(labels[VOLUME_LABELS[kind].size] ?? '', 10)
    if (Number.isInteger(size) && size >= 1) kinds.push(kind)
  }
  return kinds
}

/**
 * Resolves the volume type of each requested volume as Magnum does — label, then the configured
 * default, then Cinder's default — before Heat is asked to use it: Heat's own message ("The
 * VolumeType () could not be found", seed 000) names neither the field nor the choices.
 * The type list and the default are fetched together, once, whatever the number of volumes.
 */
export async function checkVolumeTypes(
  session: Session,
  kinds: readonly VolumeKind[],
  labels: Labels,
  defaults: VolumeTypeDefaults,
  options: CallOptions,
): Promise<CheckOutcome<Partial<Record<VolumeKind, VolumeType>>>> {
  if (kinds.length === 0) return { value: {}, errors: [] }
  let types: VolumeType[]
  let cinderDefault: VolumeType | undefined
  try {
    ;[types, cinderDefault] = await Promise.all([
      toArray(listVolumeTypes(session, options)),
      defaultVolumeType(session, options).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined
        throw error
      }),
    ])
  } catch (error) {
    if (!(error instanceof EndpointNotFoundError)) throw error
    return {
      errors: kinds.map(
        (kind) =>
          new VolumeTypeNotFoundError(
            sizeField(kind),
            `A ${kind} volume is requested but the catalog has no block-storage (Cinder) service`,
            `deploy Cinder, or drop the volume (${sizeField(kind)} unset)`,
          ),
      ),
    }
  }
  const value: Partial<Record<VolumeKind, VolumeType>> = {}
  const errors = []
  const available = types.map((t) => t.name ?? t.id ?? '').filter((n) => n !== '')
  for (const kind of kinds) {
    const { type: label, config } = VOLUME_LABELS[kind]
    const fromLabel = nonEmpty(labels[label])
    const wanted = fromLabel ?? nonEmpty(defaults[kind])
    if (wanted === undefined) {
      // Magnum falls back to the first type Cinder lists when there is no default.
      const fallback = cinderDefault ?? types[0]
      if (fallback) value[kind] = fallback
      else
        errors.push(
          new VolumeTypeNotFoundError(
            `labels.${label}`,
            `The VolumeType () could not be found: a ${kind} volume is requested, but no label, no configured default and no Cinder volume type name one`,
            `create a volume type (openstack volume type create <name> --public), then set the label ${label}=<name> or the [cinder] ${config} default; or drop the volume (${sizeField(kind)} unset)`,
          ),
        )
      continue
    }
    const field = fromLabel !== undefined ? `labels.${label}` : `[cinder] ${config}`
    const match = matchNameOrId(
      types.map((t) => ({ ...t, id: t.id ?? '', name: t.name ?? '' })),
      wanted,
    )
    if (match.kind === 'id' || match.kind === 'name') value[kind] = match.item
    else if (match.kind === 'ambiguous') {
      errors.push(
        new DuplicateResourceError(
          'volume_type',
          field,
          wanted,
          match.items.map((t) => ({ id: t.id, name: t.name })),
        ),
      )
    } else {
      errors.push(
        new VolumeTypeNotFoundError(
          field,
          `Valid volume type could not be found: ${wanted}`,
          `use one of the volume types Cinder has (${available.join(', ') || 'none: create one with openstack volume type create'})${
            cinderDefault ? `, or unset it to use the default "${cinderDefault.name}"` : ''
          }`,
        ),
      )
    }
  }
  return { value, errors }
}

function sizeField(kind: VolumeKind): string {
  return kind === 'docker' ? 'docker_volume_size' : `labels.${VOLUME_LABELS[kind].size}`
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
