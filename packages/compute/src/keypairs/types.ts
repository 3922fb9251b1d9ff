import type { components } from '../generated/compute.js'

type Schemas = components['schemas']

/** A keypair as `GET /os-keypairs/{name}` returns it (microversion 2.2+ adds `type`). */
export type Keypair = Schemas['Os_KeypairShowResponse_22']['keypair']

/** A keypair as listed (`GET /os-keypairs`): no ids or dates. */
export type KeypairSummary = Schemas['Os_KeypairsIndexResponse_235']['keypairs'][number]['keypair']

/** What `createKeypair` returns: `private_key` only when Nova generated the key (before 2.92). */
export type CreatedKeypair = Schemas['Os_KeypairsCreateResponse_22']['keypair']

export interface CreateKeypairOptions {
  name: string
  /** The OpenSSH public key to import. Required from microversion 2.92 (Nova no longer generates keys). */
  publicKey: string
  /** `ssh` (default) or `x509` (microversion 2.2+). */
  type?: 'ssh' | 'x509'
  /** Create it for another user (admin, microversion 2.10+). */
  userId?: string
  signal?: AbortSignal
}

export interface ListKeypairsOptions {
  /** Another user's keypairs (admin, microversion 2.10+). */
  userId?: string
  /** Page size (microversion 2.35+); every page is fetched regardless. */
  limit?: number
  signal?: AbortSignal
}
