export { swarmModeDescriptor } from './descriptor.js'
export { BROKEN_STORAGE_DRIVERS, SWARM_STRATEGIES, validateSwarmMode } from './validate.js'
