import {
  type ClusterCertificates,
  type ClusterCertOptions,
  type ClusterCertRefs,
  deleteClusterCertificates,
  generateClusterCertificates,
  storeClusterCertificates,
} from './cluster-certs.js'
import type { CertStore } from './stores/types.js'

/** A rotation: the cluster, its current references, and where to record the new ones. */
export interface RotateCaOptions extends Omit<ClusterCertOptions, 'clusterId'> {
  /** The references the cluster holds now; deleted once the new ones are recorded. */
  current: ClusterCertRefs
  /**
   * Records the new references on the cluster (e.g. the database update). Runs after the new
   * material is stored and before the old is deleted; when it throws, the new material is
   * deleted and the old stays in use.
   */
  commit?: (refs: ClusterCertRefs) => Promise<void>
}

/** The new material, and old references that could not be deleted (to retry later). */
export interface RotateCaResult extends ClusterCertificates {
  leftover: string[]
}

/**
 * Rotates a cluster's CA (Magnum's `certificates rotate`): a new CA and a re-issued
 * conductor certificate are stored and committed first; the old material is deleted only
 * after that succeeded, so a failure at any step leaves the cluster on its old CA.
 */
export async function rotateCa(
  store: CertStore,
  clusterId: string,
  options: RotateCaOptions,
): Promise<RotateCaResult> {
  const { current, commit, ...rest } = options
  const certs = await generateClusterCertificates({ ...rest, clusterId })
  const refs = await storeClusterCertificates(store, clusterId, certs)
  if (commit) {
    try {
      await commit(refs)
    } catch (error) {
      await deleteClusterCertificates(store, refs).catch(() => undefined)
      throw error
    }
  }
  // The cluster now points at the new material: a failed delete only leaves garbage.
  const leftover: string[] = []
  for (const ref of [current.caCertRef, current.magnumCertRef]) {
    try {
      await store.deleteCert(ref)
    } catch {
      leftover.push(ref)
    }
  }
  return { refs, ...certs, leftover }
}
