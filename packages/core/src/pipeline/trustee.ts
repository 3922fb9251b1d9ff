import { randomBytes } from 'node:crypto'
import {
  createTrust,
  createUser,
  deleteTrust,
  deleteUser,
  NotFoundError,
  registerSecret,
  type Session,
} from '@magnum-ts/auth'

/** The trustee user and trust a cluster's nodes and the status sync act through (§6 "Create"). */
export interface ClusterTrust {
  trusteeUserId: string
  trusteeUsername: string
  trusteePassword: string
  trusteeDomainId: string
  trustId: string
}

export interface TrusteeSettings {
  /** A session able to create users in the trustee domain (Magnum's trustee domain admin). */
  adminSession: Session
  /** The domain trustee users are created in (Magnum's `[trust]trustee_domain_id`). */
  domainId: string
  /** Roles delegated in the trust; default: the caller's roles on the project. */
  roles?: readonly string[]
}

/** An 18-character random password, as Magnum generates for each trustee. */
function trusteePassword(): string {
  return randomBytes(18).toString('base64url').slice(0, 18)
}

/**
 * Creates the trustee user `<cluster_uuid>_<project_id>` and a trust from the caller to it
 * (impersonation, delegation depth 0). When the trust fails, the new user is deleted again.
 */
export async function createClusterTrust(args: {
  userSession: Session
  settings: TrusteeSettings
  clusterId: string
  caller: { userId: string; projectId: string; roles: readonly string[] }
}): Promise<ClusterTrust> {
  const password = trusteePassword()
  registerSecret(password)
  const username = `${args.clusterId}_${args.caller.projectId}`
  const user = await createUser(args.settings.adminSession, {
    name: username,
    password,
    domainId: args.settings.domainId,
    description: `magnum-ts trustee for cluster ${args.clusterId}`,
  })
  try {
    const trust = await createTrust(args.userSession, {
      trustorUserId: args.caller.userId,
      trusteeUserId: user.id,
      projectId: args.caller.projectId,
      roles: [...(args.settings.roles ?? args.caller.roles)],
      impersonation: true,
    })
    return {
      trusteeUserId: user.id,
      trusteeUsername: username,
      trusteePassword: password,
      trusteeDomainId: args.settings.domainId,
      trustId: trust.id,
    }
  } catch (error) {
    await deleteUser(args.settings.adminSession, user.id).catch(() => {})
    throw error
  }
}

/** Deletes a cluster's trust and trustee user; ones already gone count as deleted. */
export async function deleteClusterTrust(args: {
  userSession: Session
  settings: TrusteeSettings
  trustId: string | undefined
  trusteeUserId: string | undefined
}): Promise<void> {
  const gone = (error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error
  }
  if (args.trustId) await deleteTrust(args.userSession, args.trustId).catch(gone)
  if (args.trusteeUserId) await deleteUser(args.settings.adminSession, args.trusteeUserId).catch(gone)
}
