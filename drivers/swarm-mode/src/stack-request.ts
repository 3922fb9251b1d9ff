import type { ClusterContext, StackRequest } from '@magnum-ts/core'
import { swarmEnvironmentFiles } from './environments.js'
import { swarmParameters } from './parameters.js'
import { CLUSTER_TEMPLATE, NESTED_FILES, readTemplateFile } from './templates.js'

/**
 * The stack for a new swarm-mode cluster: `swarmcluster.yaml`, its nested templates and scripts,
 * the environment files Magnum would pick, and the parameters.
 */
export function swarmStackRequest(ctx: ClusterContext): StackRequest {
  const environmentFiles = swarmEnvironmentFiles(ctx)
  const files: Record<string, string> = {}
  for (const name of [...NESTED_FILES, ...environmentFiles]) files[name] = readTemplateFile(name)
  return {
    template: readTemplateFile(CLUSTER_TEMPLATE),
    files,
    environmentFiles,
    parameters: swarmParameters(ctx),
  }
}
