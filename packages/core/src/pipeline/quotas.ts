import { ResourceNotFoundError } from '@magnum-ts/auth'
import { throwIfInvalid } from '../errors.js'
import {
  DEFAULT_MAX_CLUSTERS_PER_PROJECT,
  QUOTA_DEFAULT_HARD_LIMIT,
  type Quota,
  type QuotaResource,
} from '../models/quota.js'
import { validateQuota } from '../validation/quota.js'
import type { PipelineDeps } from './deps.js'
import { requireAdmin, requireAdminOrOwner } from './policy.js'
import { requestContext } from './request-context.js'

export interface QuotaCreateInput {
  projectId: string
  resource: QuotaResource
  /** ≥ 1; default 1 (Magnum's default for a new quota row). */
  hardLimit?: number
}

/** `magnum.quotas`: per-project cluster limits. Writes and listing need the admin role. */
export function quotasService(deps: PipelineDeps) {
  const notFound = (projectId: string, resource: string) =>
    new ResourceNotFoundError({
      resource: 'quota',
      searched: `${projectId}/${resource}`,
      hint: 'create it first with quotas.create (a project without one uses the default of 20)',
    })

  return {
    /** Creates a project's quota (admin only); a second one for the same resource is a 409. */
    async create(input: QuotaCreateInput): Promise<Quota> {
      requireAdmin(await requestContext(deps.session), 'quota:create')
      throwIfInvalid(validateQuota(input))
      return deps.store.quotas.create({
        projectId: input.projectId,
        resource: input.resource,
        hardLimit: input.hardLimit ?? QUOTA_DEFAULT_HARD_LIMIT,
        // The store stamps both.
        createdAt: undefined,
        updatedAt: undefined,
      })
    },

    /**
     * A project's quota (its own, or any for an admin). A project without a row gets the
     * default limit of 20, without an id, as Magnum answers.
     */
    async get(projectId: string, resource: QuotaResource = 'Cluster'): Promise<Quota> {
      requireAdminOrOwner(await requestContext(deps.session), projectId, 'quota:get')
      throwIfInvalid(validateQuota({ resource }))
      return (
        (await deps.store.quotas.get(projectId, resource)) ?? {
          id: undefined,
          projectId,
          resource,
          hardLimit: DEFAULT_MAX_CLUSTERS_PER_PROJECT,
          createdAt: undefined,
          updatedAt: undefined,
        }
      )
    },

    /** Every quota row (admin only), or one project's. */
    async list(query: { projectId?: string } = {}): Promise<Quota[]> {
      requireAdmin(await requestContext(deps.session), 'quota:get_all')
      return deps.store.quotas.list(query)
    },

    /** Changes a quota's hard limit (admin only); 404 when the project has no quota row. */
    async update(projectId: string, resource: QuotaResource, changes: { hardLimit: number }): Promise<Quota> {
      requireAdmin(await requestContext(deps.session), 'quota:update')
      throwIfInvalid(validateQuota({ resource, hardLimit: changes.hardLimit }))
      const current = await deps.store.quotas.get(projectId, resource)
      if (!current) throw notFound(projectId, resource)
      return deps.store.quotas.update({
        ...current,
        hardLimit: changes.hardLimit,
      })
    },

    /** Removes a quota row (admin only); the project falls back to the default of 20. */
    async delete(projectId: string, resource: QuotaResource = 'Cluster'): Promise<void> {
      requireAdmin(await requestContext(deps.session), 'quota:delete')
      if (!(await deps.store.quotas.delete(projectId, resource))) throw notFound(projectId, resource)
    },
  }
}
