import type { DriverDescriptor } from '@magnum-ts/core'
import { validateK8s } from './validate.js'

/**
 * Kubernetes on Fedora Atomic VMs (Magnum's `k8s_fedora_atomic_v1`): what it provides and which
 * templates it accepts. `k8sFedoraAtomicDriver` adds the Heat part to this descriptor.
 */
export const k8sFedoraAtomicDescriptor: DriverDescriptor = {
  name: 'k8s_fedora_atomic_v1',
  version: '1.0.0',
  containerVersion: '1.12.6',
  provides: [{ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' }],
  rules: {
    networkDrivers: ['flannel', 'calico'],
    defaultNetworkDriver: 'flannel',
    volumeDrivers: ['cinder'],
  },
  coeHints: { k8s: 'the COE is named "kubernetes"' },
  validate: validateK8s,
}
