import { lintTemplate, parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { k8sContext, testDriver } from './support/context.js'
import { MATRIX } from './support/matrix.js'

const driver = testDriver()

describe('k8s stack request: golden matrix', () => {
  for (const [name, options] of Object.entries(MATRIX)) {
    it(`${name}: matches the reviewed snapshot and lints clean`, async () => {
      const request = await driver.stackRequest(k8sContext(options))
      const { files, ...rest } = request
      // YAML: readable in review, and left alone by the formatter (biome skips *.yaml).
      await expect(stringify(rest)).toMatchFileSnapshot(
        `__snapshots__/stack-request/${name
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase()}.yaml`,
      )
      expect(lintTemplate({ ...request, template: files[request.template as string] as string })).toEqual([])
    })
  }

  it('sends only parameters kubecluster.yaml declares (Heat refuses any other)', async () => {
    for (const options of Object.values(MATRIX)) {
      const request = await driver.stackRequest(k8sContext(options))
      const declared = Object.keys(
        parseTemplate(request.files['kubecluster.yaml'] as string).parameters ?? {},
      )
      expect(Object.keys(request.parameters).filter((p) => !declared.includes(p))).toEqual([])
    }
  })
})
