export type { Link } from './common/links.js'
export type { CallOptions } from './common/options.js'
export type { StackIdentity, StackRef } from './common/stack-ref.js'
export { latestEventId, listEvents, listEventsPage } from './events/requests.js'
export type { ListEventsOptions, StackEvent } from './events/types.js'
export type { ParameterInput, ResourceInput, TemplateInput } from './hot/builders.js'
export { constraint, DEFAULT_HOT_VERSION, hotTemplate, output, parameter, resource } from './hot/builders.js'
export { TemplateError } from './hot/errors.js'
export { fn, INTRINSIC_FUNCTIONS, intrinsicName } from './hot/functions.js'
export * from './hot/types.js'
export { dumpTemplate, parseEnvironment, parseTemplate } from './hot/yaml.js'
export { lintTemplate } from './lint/index.js'
export type { Finding, LintInput, LintRule } from './lint/types.js'
export { getOutput, listOutputs, outputValues } from './outputs/requests.js'
export { getResource, listResources, markResourceUnhealthy, signalResource } from './resources/requests.js'
export type { ListResourcesOptions, StackResource } from './resources/types.js'
export type { GetStackOptions } from './stacks/requests.js'
export {
  createStack,
  deleteStack,
  getStack,
  listStacks,
  previewStack,
  stackIdentity,
  updateStack,
} from './stacks/requests.js'
export type * from './stacks/types.js'
export { type ValidateInput, validateTemplate } from './validate/requests.js'
export type { ValidatedParameter, ValidateResult } from './validate/types.js'
export { type FailedResource, StackFailedError, StackWaitTimeoutError } from './wait/errors.js'
export { type WaitForStackOptions, waitForStack } from './wait/wait-for-stack.js'
