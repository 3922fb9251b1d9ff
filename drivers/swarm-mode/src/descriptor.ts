import type { DriverDescriptor } from '@magnum-ts/core'
import { validateSwarmMode } from './validate.js'

/**
 * Docker swarm-mode on Fedora Atomic VMs (Magnum's `swarm_fedora_atomic_v2`): what it provides
 * and which templates it accepts. `swarmModeDriver` adds the Heat part.
 */
export const swarmModeDescriptor: DriverDescriptor = {
  name: 'swarm_fedora_atomic_v2',
  version: '2.0.0',
  containerVersion: '1.12.6',
  provides: [{ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm-mode' }],
  rules: { networkDrivers: ['docker', 'flannel'], defaultNetworkDriver: 'docker', volumeDrivers: ['rexray'] },
  // Seed 000: "coe swarm" from old install guides builds an etcd-based cluster whose cloud-init
  // fails on "/etc/etcd/etcd.conf: No such file or directory"; swarm-mode is what works.
  coeHints: {
    swarm:
      'the legacy "swarm" COE (etcd-based Docker Swarm, Magnum\'s swarm_fedora_atomic_v1) is not supported; "swarm-mode" uses Docker\'s native clustering without etcd',
  },
  validate: validateSwarmMode,
}
