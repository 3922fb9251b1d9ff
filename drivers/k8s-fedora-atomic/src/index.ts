export { k8sFedoraAtomicDescriptor } from './descriptor.js'
export { FLANNEL_BACKENDS, validateK8s } from './validate.js'
