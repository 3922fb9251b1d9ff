/** A Barbican secret: metadata served as is; the payload kept apart. */
export interface SecretRecord {
  id: string
  name: string | null
  secret_type: string
  algorithm: string | null
  bit_length: number | null
  mode: string | null
  expiration: string | null
  status: string
  created: string
  updated: string
  creator_id: string
  project_id: string
  content_types: Record<string, string> | null
  /** The stored payload, as bytes. */
  payload: Buffer | undefined
}

export interface ContainerRecord {
  id: string
  name: string | null
  type: 'generic' | 'rsa' | 'certificate'
  status: string
  created: string
  updated: string
  creator_id: string
  project_id: string
  secrets: { name: string; secretId: string }[]
}

/** Barbican's share of the fake cloud's state. */
export interface KeyManagerState {
  secrets: Map<string, SecretRecord>
  containers: Map<string, ContainerRecord>
}

/** An empty Barbican. */
export function emptyKeyManagerState(): KeyManagerState {
  return { secrets: new Map(), containers: new Map() }
}
