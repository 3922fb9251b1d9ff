import type { ClusterDriver } from '../drivers/contract.js'
import { throwIfInvalid } from '../errors.js'
import type { ClusterCreateInput } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import { DEFAULT_MAX_CLUSTERS_PER_PROJECT } from '../models/quota.js'
import { validateOpenStackResources } from '../resources/validate.js'
import { ClusterQuotaExceededError } from '../store/errors.js'
import {
  type ResolvedClusterCreate,
  resolveClusterCreate,
  validateClusterCreateInput,
} from '../validation/cluster.js'
import { clusterDriverFor } from './cluster-work.js'
import type { ResolvedNetworks } from './conductor-create.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { type RequestContext, requestContext } from './request-context.js'

/** A cluster create that passed every check a real create runs before it writes anything. */
export interface CheckedClusterCreate {
  caller: RequestContext
  template: ClusterTemplate
  cluster: ResolvedClusterCreate
  driver: ClusterDriver
  /** The project's cluster limit (checked again atomically when the row is inserted). */
  limit: number
  /** The image id the resource checks resolved (names become ids). */
  imageId: string | undefined
  networks: ResolvedNetworks
}

/**
 * Everything `clusters.create` checks before it stores a row: the body's fields, the template,
 * the driver rules, the project quota, the cloud resources (GET lookups only, in parallel), and
 * the driver rules again with the image's os_distro. Shared by the real create and its preview,
 * so a dry run refuses exactly what the real call refuses.
 */
export async function checkClusterCreate(
  deps: PipelineDeps,
  input: ClusterCreateInput,
  signal?: AbortSignal,
): Promise<CheckedClusterCreate> {
  const caller = await requestContext(deps.session)
  const visible = caller.isAdmin ? {} : { visibleToProject: caller.projectId }
  // A body without a template reference is refused with the field named, before any lookup.
  if (!input.clusterTemplateId) throwIfInvalid(validateClusterCreateInput(input))
  const template = await deps.store.clusterTemplates.find(input.clusterTemplateId!, visible)
  const config = driverConfig(deps)
  const first = resolveClusterCreate(input, template, { registry: deps.registry, config })
  throwIfInvalid(first.errors)

  const quota = await deps.store.quotas.get(caller.projectId, 'Cluster')
  const limit = quota?.hardLimit ?? DEFAULT_MAX_CLUSTERS_PER_PROJECT
  // Checked before any cloud call (as Magnum).
  if ((await deps.store.clusters.count({ projectId: caller.projectId })) >= limit) {
    throw new ClusterQuotaExceededError(caller.projectId, limit)
  }

  const resources = await validateOpenStackResources(deps.session, {
    template,
    cluster: { ...input, keypair: first.cluster.keypair },
    needs: {
      keypair: true,
      ...(deps.config.certStoreSpec ? { certStore: deps.config.certStoreSpec } : {}),
      ...(deps.config.volumeTypeDefaults ? { volumeTypeDefaults: deps.config.volumeTypeDefaults } : {}),
    },
    ...(signal ? { signal } : {}),
  })
  const osDistro = resources.image?.osDistro ?? template.clusterDistro
  const resolved = resolveClusterCreate(input, template, { registry: deps.registry, config, osDistro })
  throwIfInvalid(resolved.errors)
  return {
    caller,
    template,
    cluster: resolved.cluster,
    driver: clusterDriverFor(deps, template, osDistro),
    limit,
    imageId: resources.image?.id,
    networks: {
      externalNetworkId: resources.externalNetwork?.id,
      fixedNetworkId: resources.fixedNetwork?.id,
      fixedNetworkName: resources.fixedNetwork?.name ?? undefined,
      fixedSubnetId: resources.fixedSubnet?.id,
    },
  }
}
