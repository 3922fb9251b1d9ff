export { errorMessageFrom } from './envelope.js'
export * from './errors.js'
export {
  AmbiguousResourceError,
  InvalidOptionError,
  MicroversionUnsupportedError,
  ResourceNotFoundError,
} from './lookup-errors.js'
export { redactHeaders, redactText, redactValue, registerSecret } from './redact.js'
