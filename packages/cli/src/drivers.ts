import type { ClusterDriver } from '@magnum-ts/core'
import { k8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'
import { mesosDriver } from '@magnum-ts/driver-mesos'
import { swarmModeDriver } from '@magnum-ts/driver-swarm-mode'

/** The drivers the CLI installs: the three built-in COE drivers. */
export const installedDrivers: readonly ClusterDriver[] = [
  k8sFedoraAtomicDriver,
  swarmModeDriver,
  mesosDriver,
]
