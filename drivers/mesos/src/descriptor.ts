import type { DriverDescriptor } from '@magnum-ts/core'
import { validateMesos } from './validate.js'

/**
 * Mesos + Marathon on Ubuntu VMs (Magnum's `mesos_ubuntu_v1`): what it provides and which
 * templates it accepts. `mesosDriver` adds the Heat part.
 */
export const mesosDescriptor: DriverDescriptor = {
  name: 'mesos_ubuntu_v1',
  version: '1.0.0',
  containerVersion: '1.9.1',
  provides: [{ serverType: 'vm', os: 'ubuntu', coe: 'mesos' }],
  rules: { networkDrivers: ['docker'], defaultNetworkDriver: 'docker', volumeDrivers: ['rexray'] },
  validate: validateMesos,
}
