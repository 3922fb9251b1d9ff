import type { ClusterContext, StackRequest } from '@magnum-ts/core'
import { k8sEnvironmentFiles } from './template-definition/environment.js'
import { k8sClusterParameters, type ParameterDeps } from './template-definition/parameters.js'
import { CLUSTER_TEMPLATE, templateFiles } from './templates.js'

/**
 * The cluster stack: `kubecluster.yaml` by name, every nested template, script and environment
 * file in `files`, the chosen environment files in Magnum's order, and the parameters.
 */
export async function k8sStackRequest(ctx: ClusterContext, deps: ParameterDeps): Promise<StackRequest> {
  return {
    template: CLUSTER_TEMPLATE,
    files: templateFiles(),
    environmentFiles: k8sEnvironmentFiles(ctx),
    parameters: await k8sClusterParameters(ctx, deps),
  }
}
