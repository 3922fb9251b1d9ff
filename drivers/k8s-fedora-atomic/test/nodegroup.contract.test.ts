/**
 * Nodegroup stacks against real Heat's `POST /validate` (../shared/realcloud): kubecluster.yaml
 * with is_cluster_stack false must validate with only the worker resources left, for the
 * cluster shapes of the golden matrix. Heat evaluates the conditions with the parameters sent,
 * so a reference from a remaining resource to a skipped one (network, security group, LB,
 * masters) is refused; the last test shows it is. Nova, Neutron, Octavia and Cinder types are
 * stubbed as in heat.contract.test.ts. Skips itself, saying why, without realcloud.
 * Run: pnpm vitest run --project integration drivers/k8s-fedora-atomic
 */
import { BadRequestError, type Session } from '@magnum-ts/auth'
import type { StackRequest } from '@magnum-ts/core'
import { validateTemplate } from '@magnum-ts/orchestration'
import { realcloudAvailable, realcloudSession, withHeatStubs } from '@magnum-ts/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { k8sContext, testDriver } from './support/context.js'
import { environmentCombinations, MATRIX } from './support/matrix.js'
import { completedClusterStack, extraNodeGroup } from './support/nodegroup.js'

// Says why on the console when it is false.
const available = await realcloudAvailable({ heat: true })

const CASES = [
  'flannel, no LB, floating IPs',
  'master LB (Octavia), 3 masters',
  'floating IPs off',
  'existing private network',
  'everything on',
] as const

describe.skipIf(!available)('k8s nodegroup stacks against real Heat (realcloud)', () => {
  let session: Session
  const driver = testDriver()
  beforeAll(async () => {
    session = await realcloudSession()
  })

  const nodeGroupRequest = (options: (typeof MATRIX)[string], dockerVolumeSize?: number) => {
    const ctx = k8sContext(options)
    return driver.nodeGroupStackRequest!(
      ctx,
      extraNodeGroup(ctx, { dockerVolumeSize }),
      completedClusterStack(),
    )
  }
  const validate = (request: StackRequest, parameters = request.parameters) =>
    validateTemplate(session, {
      template: request.files[request.template as string] as string,
      ...withHeatStubs(request.files, request.environmentFiles, parameters),
      showNested: true,
    })

  for (const name of CASES) {
    it(`${name}: Heat accepts the nodegroup stack`, async () => {
      const result = await validate(await nodeGroupRequest(MATRIX[name]!))
      expect(result.Parameters).toHaveProperty('existing_security_group')
    })
  }

  it('accepts a nodegroup with its own docker volume on a cluster without one', async () => {
    const request = await nodeGroupRequest(MATRIX['flannel, no LB, floating IPs']!, 40)
    expect(request.environmentFiles).toContain('environments/with_volume.yaml')
    await expect(validate(request)).resolves.toHaveProperty('Parameters')
  })

  it('accepts the nodegroup stack with every one of the 96 environment-file combinations', async () => {
    const request = await nodeGroupRequest(MATRIX['flannel, no LB, floating IPs']!)
    for (const environmentFiles of environmentCombinations()) {
      await expect(
        validate({ ...request, environmentFiles }),
        environmentFiles.join(' + '),
      ).resolves.toHaveProperty('Parameters')
    }
  })

  it('refuses the same stack asked to build masters too: they need the skipped network and LBs', async () => {
    const request = await nodeGroupRequest(MATRIX['flannel, no LB, floating IPs']!)
    const refused = validate(request, { ...request.parameters, master_role: 'master' })
    await expect(refused).rejects.toBeInstanceOf(BadRequestError)
    await expect(refused).rejects.toThrow(/InvalidTemplateReference.*"network".*kube_masters/)
  })
})
