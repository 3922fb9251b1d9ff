export { applyProjectTemplate, selectEndpoint } from './catalog/endpoint.js'
export { canonicalServiceType, serviceTypeAliases } from './catalog/service-types.js'
export {
  type AuthOptions,
  type AuthType,
  type CloudConfig,
  type EndpointInterface,
  type LoadCloudConfigOptions,
  listClouds,
  loadCloudConfig,
  SUPPORTED_AUTH_TYPES,
} from './config/index.js'
export {
  compareMicroversions,
  microversionHeaders,
  negotiateMicroversion,
  parseMicroversion,
  usesMicroversions,
} from './discovery/microversion.js'
export * from './errors/index.js'
export * from './identity/index.js'
export type { RequestLogEntry } from './log/logger.js'
export { looksLikeUuid, matchNameOrId, type NameOrIdMatch } from './lookup/name-or-id.js'
export { nextLink, type PaginateOptions, paginate } from './pagination/paginate.js'
export { toArray } from './pagination/to-array.js'
export { normaliseAuthUrl } from './plugins/auth-url.js'
export { defaultRetryOptions, type RetryOptions } from './retry/policy.js'
export { createSession } from './session/create-session.js'
export type {
  CatalogService,
  EndpointQuery,
  HttpMethod,
  QueryValue,
  RequestOptions,
  Session,
  SessionContext,
  SessionOptions,
  SessionResponse,
} from './session/types.js'
export { apiPath } from './transport/api-path.js'
export { resolveRelativeLink } from './transport/relative-link.js'
export { abortableSleep } from './util/abortable-sleep.js'
export { VERSION } from './version.js'
