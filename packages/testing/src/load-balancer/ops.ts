// The only code that changes Octavia's state; routes and (later) Heat call it.
export * from './ops/children.js'
export * from './ops/common.js'
export * from './ops/load-balancers.js'
