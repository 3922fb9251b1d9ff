/**
 * Contract: real Heat (../shared/realcloud) validates every swarm-mode template and environment
 * combination, with Nova/Neutron/Octavia/Cinder types mapped to OS::Heat::None. Skips itself,
 * saying why, when realcloud is not running.
 * Run: pnpm vitest run --project integration drivers/swarm-mode
 */
import { join } from 'node:path'
import {
  CLUSTER_TEMPLATE,
  NESTED_FILES,
  readTemplateFile,
  swarmStackRequest,
} from '@magnum-ts/driver-swarm-mode'
import { swarmContext } from './support/context.js'
import { describeHeatValidation } from './support/heat-validation.js'
import { GOLDEN_CASES, SWARM_ENVIRONMENT_GROUPS } from './support/matrix.js'

await describeHeatValidation({
  driver: 'swarm-mode',
  templatesDir: join(import.meta.dirname, '..', 'templates'),
  clusterTemplate: CLUSTER_TEMPLATE,
  nestedFiles: NESTED_FILES,
  readTemplateFile,
  requests: Object.fromEntries(
    Object.entries(GOLDEN_CASES).map(([name, o]) => [name, () => swarmStackRequest(swarmContext(o))]),
  ),
  environmentGroups: SWARM_ENVIRONMENT_GROUPS,
})
