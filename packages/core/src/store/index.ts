export {
  ClusterQuotaExceededError,
  StoreConflictError,
  StoreDuplicateError,
  StoreSchemaError,
} from './errors.js'
export { memoryStore } from './memory/store.js'
export { openStore, parseStoreSpec, type StoreSpec } from './open.js'
export { type PostgresOptions, postgresStore } from './postgres/index.js'
export { IN_PROGRESS_STATUSES } from './records.js'
export { updateWithRetry } from './retry.js'
export { MIGRATIONS, type Migration } from './sql/migrations.js'
export { type SqliteOptions, sqliteStore } from './sqlite/index.js'
export type {
  ClusterInsertOptions,
  ClusterQuery,
  ClusterTable,
  ClusterTemplateQuery,
  ClusterTemplateTable,
  Lease,
  LeaseTable,
  LeaseTarget,
  NodeGroupQuery,
  NodeGroupTable,
  QuotaInput,
  QuotaTable,
  Store,
  StoreTables,
  UpdateOptions,
} from './types.js'
