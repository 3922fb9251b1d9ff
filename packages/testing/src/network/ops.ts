// The only code that changes Neutron's state; routes, Nova, Octavia and (later) Heat call it.
export * from './ops/addresses.js'
export * from './ops/common.js'
export * from './ops/floating-ips.js'
export * from './ops/networks.js'
export * from './ops/ports.js'
export * from './ops/routers.js'
export * from './ops/security-groups.js'
