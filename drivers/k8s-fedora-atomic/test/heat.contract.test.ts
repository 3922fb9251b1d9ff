/**
 * Every template + environment combination of the golden matrix, sent to real Heat's
 * `POST /validate` (../shared/realcloud) with the stack's parameters; Nova, Neutron, Octavia and
 * Cinder types are mapped to OS::Heat::None because realcloud has none of those services.
 * Heat checks nested templates' resource types but not their get_param / get_attr references;
 * lintTemplate (templates.test.ts) covers those. Skips itself, saying why, without realcloud.
 * Run: pnpm vitest run --project integration drivers/k8s-fedora-atomic
 */
import { BadRequestError, type Session } from '@magnum-ts/auth'
import { validateTemplate } from '@magnum-ts/orchestration'
import { realcloudAvailable, realcloudSession, withHeatStubs } from '@magnum-ts/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { k8sContext, testDriver } from './support/context.js'
import { environmentCombinations, MATRIX } from './support/matrix.js'

// Says why on the console when it is false.
const available = await realcloudAvailable({ heat: true })

describe.skipIf(!available)('k8s templates against real Heat (realcloud)', () => {
  let session: Session
  const driver = testDriver()
  beforeAll(async () => {
    session = await realcloudSession()
  })

  for (const [name, options] of Object.entries(MATRIX)) {
    it(`${name}: Heat accepts the template, files, environment files and parameters`, async () => {
      const request = await driver.stackRequest(k8sContext(options))
      const result = await validateTemplate(session, {
        template: request.files[request.template as string] as string,
        ...withHeatStubs(request.files, request.environmentFiles, request.parameters),
        showNested: true,
      })
      expect(Object.keys(result.Parameters)).toContain('number_of_minions')
    })
  }

  it('accepts every one of the 96 environment-file combinations', async () => {
    const request = await driver.stackRequest(k8sContext())
    for (const environmentFiles of environmentCombinations()) {
      await expect(
        validateTemplate(session, {
          template: request.files[request.template as string] as string,
          ...withHeatStubs(request.files, environmentFiles, request.parameters),
          showNested: true,
        }),
        environmentFiles.join(' + '),
      ).resolves.toHaveProperty('Parameters')
    }
  })

  it('looks into nested templates: an unknown type in kubeminion.yaml is refused', async () => {
    const request = await driver.stackRequest(k8sContext())
    const broken = {
      ...request.files,
      'kubeminion.yaml': (request.files['kubeminion.yaml'] as string).replace(
        'type: OS::Heat::MultipartMime',
        'type: OS::Heat::NoSuchType',
      ),
    }
    await expect(
      validateTemplate(session, {
        template: request.files[request.template as string] as string,
        ...withHeatStubs(broken, request.environmentFiles, request.parameters),
        showNested: true,
      }),
    ).rejects.toBeInstanceOf(BadRequestError)
  })

  it('refuses a parameter the template does not declare (so the unit test guarding that matters)', async () => {
    const request = await driver.stackRequest(k8sContext())
    await expect(
      validateTemplate(session, {
        template: request.files[request.template as string] as string,
        ...withHeatStubs(request.files, request.environmentFiles, {
          ...request.parameters,
          not_declared: 'x',
        }),
      }),
    ).rejects.toBeInstanceOf(BadRequestError)
  })
})
