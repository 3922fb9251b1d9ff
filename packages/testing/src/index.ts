export { createClock, type FakeClock } from './clock.js'
export { createFakeCloud, type FakeCloud, type FakeCloudOptions } from './fake-cloud.js'
export type { AuthRequest } from './identity/auth-request.js'
export { parseAuthRequest } from './identity/auth-request.js'
export { keystoneTime, tokenBody } from './identity/token-body.js'
export {
  type MockIdentityOptions,
  type MockKeystone,
  mockCredentials,
  mockKeystone,
} from './mock-identity/handlers.js'
export { type MockIdentity, mockIdentity } from './mock-identity/mock-identity.js'
export {
  type MicroversionRange,
  versionDocument,
  versionsDocument,
} from './mock-identity/version-document.js'
export { type CapturedRequest, captureRequest, openstackJson } from './msw-helpers/capture.js'
export type { HeatSettings } from './orchestration/engine.js'
export { type HeatControl, heatError, orchestrationService } from './orchestration/service.js'
export {
  HEAT_STUBBED_TYPES,
  REALCLOUD_CLOUDS_YAML,
  realcloudAvailable,
  realcloudSession,
  retryOnRealcloudStall,
  withHeatStubs,
} from './realcloud.js'
export type { CloudRuntime, CloudSettings } from './runtime.js'
export { ApiError, badRequest, conflict, forbidden, notFound } from './server/api-error.js'
export type { FaultHandle, FaultRule, Faults } from './server/faults.js'
export type { ListeningCloud } from './server/node-adapter.js'
export { empty, json, type Reply } from './server/reply.js'
export {
  type Route,
  type RouteContext,
  type RouteHandler,
  route,
  type ServiceModule,
} from './server/service.js'
export type { CloudState } from './state.js'
export { defaultWorld } from './world/default-world.js'
export { loadWorld, parseWorld } from './world/load-world.js'
export type { WorldSpec } from './world/types.js'
export { WorldError } from './world/world-error.js'
