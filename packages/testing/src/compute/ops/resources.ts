import { randomUUID } from 'node:crypto'
import { badRequest, conflict } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'
import type { CloudState } from '../../state.js'
import { fingerprintOf } from '../ssh-key.js'
import type { FlavorRecord, KeypairRecord, ServerGroupRecord } from '../state.js'

/** Who creates, and when the thing is ready. */
export interface ComputeStamp {
  now: number
  projectId: string
  userId: string
  /** Clock time at which a new server leaves BUILD. */
  readyAt: number
}

/** Creates a flavor. */
export function createFlavor(
  s: CloudState,
  input: {
    name: string
    vcpus: number
    ram: number
    disk: number
    id?: string
    ephemeral?: number
    extraSpecs?: Record<string, string>
  },
): FlavorRecord {
  const flavor: FlavorRecord = {
    id: input.id ?? randomUUID(),
    name: input.name,
    vcpus: input.vcpus,
    ram: input.ram,
    disk: input.disk,
    'OS-FLV-EXT-DATA:ephemeral': input.ephemeral ?? 0,
    swap: 0,
    rxtx_factor: 1,
    'os-flavor-access:is_public': true,
    description: null,
    extra_specs: input.extraSpecs ?? {},
  }
  s.compute.flavors.set(flavor.id, flavor)
  return flavor
}

/** A flavor by id (Nova looks flavors up by id only). */
export function findFlavor(s: CloudState, id: string): FlavorRecord | undefined {
  return s.compute.flavors.get(id)
}

/** Imports a key pair for a user (409 when the name is taken). */
export function createKeypair(
  s: CloudState,
  input: { userId: string; name: string; publicKey: string; now: number; type?: 'ssh' | 'x509' },
) {
  const key = `${input.userId}/${input.name}`
  if (s.compute.keypairs.has(key)) throw conflict(`Key pair '${input.name}' already exists.`)
  if (!/^[\w\- .@]+$/.test(input.name)) {
    throw badRequest('Keypair data is invalid: Keypair name contains unsafe characters')
  }
  let fingerprint: string
  try {
    if (!/^(ssh-|ecdsa-)/.test(input.publicKey.trim())) throw new Error('not OpenSSH')
    fingerprint = fingerprintOf(input.publicKey)
  } catch {
    throw badRequest('Keypair data is invalid: failed to generate fingerprint')
  }
  const keypair: KeypairRecord = {
    id: s.compute.keypairs.size + 1,
    name: input.name,
    user_id: input.userId,
    public_key: input.publicKey,
    fingerprint,
    type: input.type ?? 'ssh',
    created_at: isoSeconds(input.now).replace('Z', '.000000'),
  }
  s.compute.keypairs.set(key, keypair)
  return keypair
}

/** Creates a server group with one policy (`anti-affinity`, `soft-anti-affinity`, …). */
export function createServerGroup(
  s: CloudState,
  input: { name: string; policy: string; projectId: string; userId: string; rules?: Record<string, unknown> },
) {
  const policies = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity']
  if (!policies.includes(input.policy)) {
    throw badRequest(
      `Invalid input for field/attribute policy. Value: ${input.policy}. '${input.policy}' is not one of ${JSON.stringify(policies)}`,
    )
  }
  const group: ServerGroupRecord = {
    id: randomUUID(),
    name: input.name,
    policy: input.policy,
    rules: input.rules ?? {},
    members: [],
    project_id: input.projectId,
    user_id: input.userId,
  }
  s.compute.serverGroups.set(group.id, group)
  return group
}
