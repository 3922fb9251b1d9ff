import type { ClusterContext, StackRequest } from '@magnum-ts/core'
import { mesosEnvironmentFiles } from './environments.js'
import { mesosParameters } from './parameters.js'
import { CLUSTER_TEMPLATE, NESTED_FILES, readTemplateFile } from './templates.js'

/**
 * The stack for a new mesos cluster: `mesoscluster.yaml`, its nested templates and scripts, the
 * environment files Magnum would pick, and the parameters.
 */
export function mesosStackRequest(ctx: ClusterContext): StackRequest {
  const environmentFiles = mesosEnvironmentFiles(ctx)
  const files: Record<string, string> = {}
  for (const name of [...NESTED_FILES, ...environmentFiles]) files[name] = readTemplateFile(name)
  return {
    template: readTemplateFile(CLUSTER_TEMPLATE),
    files,
    environmentFiles,
    parameters: mesosParameters(ctx),
  }
}
