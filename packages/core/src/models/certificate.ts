import type { WireObject } from './common.js'
import { pickFromWire, pickToWire } from './wire.js'

/**
 * A certificate as the certificates API carries it: `GET /v1/certificates/{cluster}` returns the
 * cluster CA (`pem`); `POST /v1/certificates` takes a `csr` and returns the signed `pem`.
 */
export interface Certificate {
  clusterUuid: string
  pem: string | undefined
  csr: string | undefined
}

export const CERTIFICATE_FIELDS = [
  'clusterUuid',
  'pem',
  'csr',
] as const satisfies readonly (keyof Certificate)[]

/** Certificate → Magnum's JSON. */
export function certificateToWire(certificate: Partial<Certificate>): WireObject {
  return pickToWire(certificate, CERTIFICATE_FIELDS)
}

/** Magnum's JSON → a partial Certificate (no validation). */
export function certificateFromWire(wire: WireObject): Partial<Certificate> {
  return pickFromWire(wire, CERTIFICATE_FIELDS) as Partial<Certificate>
}
