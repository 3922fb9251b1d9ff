/**
 * Contract: real Heat (../shared/realcloud) validates the mesos templates with each environment
 * combination, with Nova/Neutron/Octavia/Cinder types mapped to OS::Heat::None. Skips itself,
 * saying why, when realcloud is not running.
 * Run: pnpm vitest run --project integration drivers/mesos
 */
import { join } from 'node:path'
import { CLUSTER_TEMPLATE, mesosStackRequest, NESTED_FILES, readTemplateFile } from '@magnum-ts/driver-mesos'
// The suite is shared with swarm-mode (see its doc comment).
import { describeHeatValidation } from '../../swarm-mode/test/support/heat-validation.js'
import { MESOS_CASES, mesosContext } from './support/context.js'

await describeHeatValidation({
  driver: 'mesos',
  templatesDir: join(import.meta.dirname, '..', 'templates'),
  clusterTemplate: CLUSTER_TEMPLATE,
  nestedFiles: NESTED_FILES,
  readTemplateFile,
  requests: Object.fromEntries(
    Object.entries(MESOS_CASES).map(([name, o]) => [name, () => mesosStackRequest(mesosContext(o))]),
  ),
  environmentGroups: [
    ['with_private_network', 'no_private_network'],
    ['no_master_lb', 'with_master_lb', 'with_master_lb_octavia'],
  ],
})
