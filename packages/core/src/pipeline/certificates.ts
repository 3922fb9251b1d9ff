import { loadCa, rotateCa, signCsr } from '@magnum-ts/certs'
import { MagnumValidationError } from '../errors.js'
import type { Certificate } from '../models/certificate.js'
import type { Cluster } from '../models/cluster.js'
import { clusterDriverFor } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { PolicyNotAuthorizedError, requireAdminOrOwner } from './policy.js'
import { type RequestContext, requestContext } from './request-context.js'

/** The driver cannot rotate its clusters' CA (Magnum's `NotSupported`, 400). */
export class CaRotationNotSupportedError extends MagnumValidationError {
  constructor(driverName: string) {
    super('CA_ROTATION_NOT_SUPPORTED', 400, {
      field: 'cluster_uuid',
      message: `Rotating the CA certificate is not supported by driver ${driverName}`,
      fix: 'recreate the cluster to get a new CA, or use a driver that declares rotateCaSupported',
    })
  }
}

/** The cluster has no CA yet (still being created, or its creation failed before certificates). */
export class ClusterHasNoCaError extends MagnumValidationError {
  constructor(clusterId: string) {
    super('CLUSTER_HAS_NO_CA', 409, {
      field: 'cluster_uuid',
      message: `Cluster ${clusterId} has no CA certificate yet`,
      fix: 'wait until the cluster is CREATE_COMPLETE (magnum-ts cluster show), then retry',
    })
  }
}

/** `magnum.certificates`: show the cluster CA, sign a CSR with it, rotate it. */
export function certificatesService(deps: PipelineDeps) {
  // Found across projects: a trustee's token is scoped to the trust's project, and the policy
  // below decides who may see the cluster.
  const load = async (clusterId: string) => {
    const caller = await requestContext(deps.session)
    const cluster = await deps.store.clusters.find(clusterId)
    return { caller, cluster }
  }
  const ca = async (cluster: Cluster) => {
    if (!cluster.caCertRef) throw new ClusterHasNoCaError(cluster.uuid)
    return loadCa(deps.certStore, cluster.caCertRef)
  }

  return {
    /** The cluster's CA certificate (`GET /v1/certificates/{cluster}`), for the owner, an admin or the trustee. */
    async get(clusterId: string): Promise<Pick<Certificate, 'clusterUuid' | 'pem'> & { pem: string }> {
      const { caller, cluster } = await load(clusterId)
      requireClusterUser(caller, cluster, 'certificate:get')
      return { clusterUuid: cluster.uuid, pem: (await ca(cluster)).certificatePem }
    },

    /**
     * Signs a CSR with the cluster's CA (`POST /v1/certificates`): how nodes get their
     * certificates. Allowed for the owner, an admin, or the cluster's trustee; a CSR the
     * signing policy refuses is a 400 from @magnum-ts/certs.
     */
    async sign(clusterId: string, csrPem: string): Promise<Certificate & { pem: string }> {
      const { caller, cluster } = await load(clusterId)
      requireClusterUser(caller, cluster, 'certificate:create')
      const pem = signCsr(await ca(cluster), csrPem)
      return { clusterUuid: cluster.uuid, csr: csrPem, pem }
    },

    /**
     * Replaces the cluster's CA and conductor certificate (`PATCH /v1/certificates/{cluster}`).
     * The new references are stored on the cluster before the old material is deleted, so a
     * failure leaves the cluster on its old CA. Only drivers that declare `rotateCaSupported`.
     */
    async rotate(clusterId: string): Promise<{ clusterUuid: string; leftover: string[] }> {
      const { caller, cluster } = await load(clusterId)
      requireAdminOrOwner(caller, cluster.projectId, 'certificate:rotate_ca')
      const template = await deps.store.clusterTemplates.find(cluster.clusterTemplateId)
      const driver = clusterDriverFor(deps, template, template.clusterDistro)
      // An optional capability not in the contract: drivers opt in explicitly.
      if (driver.rotateCaSupported !== true) throw new CaRotationNotSupportedError(driver.name)
      if (!cluster.caCertRef || !cluster.magnumCertRef) throw new ClusterHasNoCaError(cluster.uuid)
      const result = await rotateCa(deps.certStore, cluster.uuid, {
        clusterName: cluster.name,
        current: { caCertRef: cluster.caCertRef, magnumCertRef: cluster.magnumCertRef },
        commit: (refs) =>
          deps.store.transaction(async (tx) => {
            const fresh = (await tx.clusters.get(cluster.uuid)) ?? cluster
            await tx.clusters.update({ ...fresh, ...refs })
          }),
      })
      return { clusterUuid: cluster.uuid, leftover: result.leftover }
    },
  }
}

/** Magnum's `admin_or_user or cluster_user`: an admin, the owner (user or project), or the trustee. */
function requireClusterUser(caller: RequestContext, cluster: Cluster, action: string): void {
  const allowed =
    caller.isAdmin ||
    caller.userId === cluster.userId ||
    caller.projectId === cluster.projectId ||
    (cluster.trusteeUserId !== undefined && caller.userId === cluster.trusteeUserId)
  if (!allowed)
    throw new PolicyNotAuthorizedError(
      action,
      "use the cluster owner's project, an admin token, or the cluster's trustee credentials",
      'cluster_uuid',
    )
}
