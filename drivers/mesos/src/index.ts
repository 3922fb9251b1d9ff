export { mesosDescriptor } from './descriptor.js'
export { MESOS_IMAGE_PROVIDERS, MESOS_SLAVE_ISOLATION, validateMesos } from './validate.js'
