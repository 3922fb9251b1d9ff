import { type ClusterContext, nodeCredential } from './contract.js'

/**
 * The Heat parameters that carry a cluster's node credential, shared by every driver's templates:
 * `trustee_domain_id`, `trustee_user_id`, `trustee_username`, `trustee_password` and `trust_id`
 * in trust mode (the trust id only with `clusterUserTrust`, as Magnum does), or
 * `application_credential_id` and `application_credential_secret` in application-credential mode
 * (no trustee exists; the templates' trustee parameters keep their empty defaults).
 */
export function nodeCredentialParameters(
  ctx: Pick<ClusterContext, 'trust' | 'credential' | 'config'>,
): Record<string, string> {
  const credential = nodeCredential(ctx)
  if (credential.kind === 'application-credential') {
    return { application_credential_id: credential.id, application_credential_secret: credential.secret }
  }
  return {
    trustee_domain_id: credential.trusteeDomainId,
    trustee_user_id: credential.trusteeUserId,
    trustee_username: credential.trusteeUsername,
    trustee_password: credential.trusteePassword,
    trust_id: ctx.config.clusterUserTrust === true ? credential.trustId : '',
  }
}
