import {
  createApplicationCredential,
  deleteApplicationCredential,
  InvalidOptionError,
  NotFoundError,
  registerSecret,
  type Session,
} from '@magnum-ts/auth'
import type { Cluster } from '../models/cluster.js'

/**
 * What a cluster's nodes and the status sync act through (Magnum §6 "Create"): a
 * trustee user with a trust from the caller (Magnum's way), or an application credential the
 * caller makes for itself (no trustee domain, no admin session needed).
 */
export const CLUSTER_CREDENTIAL_MODES = ['trust', 'application-credential'] as const
export type ClusterCredentialMode = (typeof CLUSTER_CREDENTIAL_MODES)[number]

/** The configured mode (default `trust`); any other value is an `InvalidOptionError` naming the field. */
export function clusterCredentialMode(
  config: { clusterCredential?: unknown } | undefined,
): ClusterCredentialMode {
  const mode = config?.clusterCredential ?? 'trust'
  if ((CLUSTER_CREDENTIAL_MODES as readonly unknown[]).includes(mode)) return mode as ClusterCredentialMode
  throw new InvalidOptionError(
    'config.clusterCredential',
    `${JSON.stringify(mode)} is not a cluster credential mode`,
    `use one of ${CLUSTER_CREDENTIAL_MODES.map((m) => `'${m}'`).join(', ')}`,
  )
}

/** The application credential made for one cluster. */
export interface ClusterApplicationCredential {
  id: string
  name: string
  secret: string
}

/** The name of a cluster's application credential: `magnum-ts-<cluster uuid>`. */
export function applicationCredentialName(clusterId: string): string {
  return `magnum-ts-${clusterId}`
}

/** Whether a cluster row acts through an application credential rather than a trustee and trust. */
export function usesApplicationCredential(
  cluster: Pick<Cluster, 'applicationCredentialId'>,
): cluster is Pick<Cluster, 'applicationCredentialId'> & { applicationCredentialId: string } {
  return Boolean(cluster.applicationCredentialId)
}

/**
 * Creates the caller's application credential for a cluster: restricted (it can neither make
 * further credentials nor trusts), with the caller's roles on the project. Keystone shows the
 * secret once; it is registered for redaction before anything can log it.
 */
export async function createClusterApplicationCredential(args: {
  userSession: Session
  clusterId: string
  clusterName: string
  caller: { userId: string; roles: readonly string[] }
}): Promise<ClusterApplicationCredential> {
  const credential = await createApplicationCredential(args.userSession, args.caller.userId, {
    name: applicationCredentialName(args.clusterId),
    description: `magnum-ts cluster ${args.clusterName} (${args.clusterId}): its nodes and status sync authenticate with it`,
    roles: [...args.caller.roles],
    unrestricted: false,
  })
  registerSecret(credential.secret)
  if (!credential.secret) {
    // Keystone always returns the secret on create; without it the nodes could not authenticate.
    await deleteApplicationCredential(args.userSession, args.caller.userId, credential.id).catch(() => {})
    throw new Error(`Keystone returned no secret for application credential ${credential.id}`)
  }
  return { id: credential.id, name: credential.name, secret: credential.secret }
}

/**
 * Deletes a cluster's application credential; one already gone counts as deleted. Keystone lets
 * only its owner (with a password or token, not an application credential) or an admin do it.
 */
export async function deleteClusterApplicationCredential(args: {
  session: Session
  ownerUserId: string
  credentialId: string
}): Promise<void> {
  await deleteApplicationCredential(args.session, args.ownerUserId, args.credentialId).catch(
    (error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error
    },
  )
}
