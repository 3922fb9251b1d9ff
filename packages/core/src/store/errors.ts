import { OpenStackError } from '@magnum-ts/auth'

/**
 * Someone else wrote the row since it was read (its `updatedAt` moved on), or deleted it.
 * Status 409, as Magnum answers a concurrent change. Fix: read the row again and reapply.
 */
export class StoreConflictError extends OpenStackError {
  readonly status = 409
  readonly table: string
  readonly key: string
  constructor(table: string, key: string, expected: string | undefined, actual: string | undefined) {
    super(
      'STORE_CONFLICT',
      actual === undefined
        ? `${table} ${key} was deleted while it was being updated. Fix: read it again before writing.`
        : `${table} ${key} was changed by another writer (read at ${expected ?? '(no updatedAt)'}, now ${actual}). Fix: read it again and reapply the change.`,
    )
    this.table = table
    this.key = key
  }
}

/** A row with the same key, or the same unique name (a nodegroup per cluster, a quota per project), exists (409). */
export class StoreDuplicateError extends OpenStackError {
  readonly status = 409
  readonly table: string
  readonly key: string
  constructor(table: string, key: string, options?: { cause?: unknown }) {
    super(
      'STORE_DUPLICATE',
      `${table} ${key} already exists. Fix: choose another name, or update the existing one.`,
      options,
    )
    this.table = table
    this.key = key
  }
}

/** The database was migrated by a newer magnum-ts than this one; writing to it could corrupt it. */
export class StoreSchemaError extends OpenStackError {
  readonly databaseVersion: number
  readonly knownVersion: number
  constructor(databaseVersion: number, knownVersion: number) {
    super(
      'STORE_SCHEMA_TOO_NEW',
      `The store's schema is at version ${databaseVersion}, but this magnum-ts knows versions up to ${knownVersion}. Fix: upgrade @magnum-ts/core, or point it at another database.`,
    )
    this.databaseVersion = databaseVersion
    this.knownVersion = knownVersion
  }
}

/** The project already has as many clusters as its quota allows (Magnum's 403, with Magnum's words). */
export class ClusterQuotaExceededError extends OpenStackError {
  readonly status = 403
  readonly projectId: string
  readonly limit: number
  constructor(projectId: string, limit: number) {
    super(
      'QUOTA_EXCEEDED',
      `You have reached the maximum clusters per project, ${limit}. Fix: delete a cluster the project no longer needs, or ask an admin to raise its quota.`,
    )
    this.projectId = projectId
    this.limit = limit
  }
}
