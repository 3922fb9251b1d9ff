export { type LoadCloudConfigOptions, listClouds, loadCloudConfig } from './load.js'
export { SUPPORTED_AUTH_TYPES } from './normalize.js'
export type { AuthOptions, AuthType, CloudConfig, EndpointInterface } from './types.js'
