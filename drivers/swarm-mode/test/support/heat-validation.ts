/**
 * The real-Heat contract suite both drivers run (swarm-mode's and mesos'): each golden stack
 * request with its parameters, every environment combination, and a negative control. Skips
 * itself, saying why, when realcloud's Keystone or Heat does not answer.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { BadRequestError, type Session } from '@magnum-ts/auth'
import type { StackRequest } from '@magnum-ts/core'
import { validateTemplate } from '@magnum-ts/orchestration'
import { realcloudAvailable, realcloudSession, withHeatStubs } from '@magnum-ts/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { environmentCombinations } from './matrix.js'

export interface HeatValidationSuite {
  driver: string
  /** The package's templates/ directory. */
  templatesDir: string
  clusterTemplate: string
  nestedFiles: readonly string[]
  readTemplateFile(name: string): string
  /** Golden cases, already turned into stack requests. */
  requests: Record<string, () => StackRequest>
  /** The environment groups, in Magnum's order, one file chosen from each. */
  environmentGroups: string[][]
}

/** Registers the suite with vitest. */
export async function describeHeatValidation(suite: HeatValidationSuite): Promise<void> {
  const available = await realcloudAvailable({ heat: true })

  describe.skipIf(!available)(`${suite.driver} templates on real Heat (POST /validate)`, () => {
    let session: Session
    beforeAll(async () => {
      session = await realcloudSession()
    })

    for (const [name, build] of Object.entries(suite.requests)) {
      it(`accepts the stack request with its parameters: ${name}`, async () => {
        const request = build()
        const result = await validateTemplate(session, {
          template: request.template,
          ...withHeatStubs(request.files, request.environmentFiles, request.parameters),
          showNested: true,
        })
        expect(Object.keys(result.Parameters)).toEqual(
          expect.arrayContaining(Object.keys(request.parameters)),
        )
      })
    }

    it('accepts every environment combination', async () => {
      const environments = readdirSync(join(suite.templatesDir, 'environments')).map(
        (e) => `environments/${e}`,
      )
      const names = [...suite.nestedFiles, ...environments]
      const files = Object.fromEntries(names.map((n) => [n, suite.readTemplateFile(n)]))
      const template = suite.readTemplateFile(suite.clusterTemplate)
      for (const environmentFiles of environmentCombinations(suite.environmentGroups)) {
        await expect(
          validateTemplate(session, { template, ...withHeatStubs(files, environmentFiles) }),
          environmentFiles.join(),
        ).resolves.toHaveProperty('Parameters')
      }
    })

    it('refuses a type no environment file maps (the check can fail)', async () => {
      const [first] = Object.values(suite.requests)
      if (!first) throw new Error('no golden request')
      const request = first()
      // Without the LB environment file nothing maps Magnum::ApiGatewaySwitcher.
      const environmentFiles = request.environmentFiles.filter((f) => !f.includes('master_lb'))
      await expect(
        validateTemplate(session, {
          template: request.template,
          ...withHeatStubs(request.files, environmentFiles),
        }),
      ).rejects.toBeInstanceOf(BadRequestError)
    })
  })
}
