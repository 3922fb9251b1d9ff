// The only code that changes Nova's state; routes and (later) Heat call it.
export * from './ops/resources.js'
export * from './ops/servers.js'
