export { mesosClusterConfig } from './config.js'
export { mesosDescriptor } from './descriptor.js'
export {
  createMesosDriver,
  type MesosDriver,
  type MesosDriverOptions,
  mesosDriver,
  type SlavesToRemoveOptions,
} from './driver.js'
export { mesosEnvironmentFiles } from './environments.js'
export { MARATHON_PORT, MESOS_MASTER_PORT, privateSlaveAddresses, readMesosOutputs } from './outputs.js'
export { mesosParameters } from './parameters.js'
export { type LeastLoadedOptions, leastLoadedSlaves, MarathonTasksError } from './scale.js'
export { mesosStackRequest } from './stack-request.js'
export { CLUSTER_TEMPLATE, NESTED_FILES, readTemplateFile } from './templates.js'
export { MESOS_IMAGE_PROVIDERS, MESOS_SLAVE_ISOLATION, validateMesos } from './validate.js'
