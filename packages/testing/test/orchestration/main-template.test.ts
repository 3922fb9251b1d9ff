import { createFakeCloud } from '@magnum-ts/testing'
import { describe, it } from 'vitest'
import { mainTemplateContract, realcloudTemplates } from './heat-contract.js'

const templates = realcloudTemplates()

describe.skipIf(!templates)('contract (fake side): realcloud main.yaml on the mini Heat', () => {
  it('creates, scales and deletes like real Heat', async () => {
    const cloud = createFakeCloud()
    const wait = { sleep: async (ms: number) => cloud.clock.advance(ms), now: () => cloud.clock.now() }
    await mainTemplateContract(
      cloud.session(),
      'contract-main',
      templates as NonNullable<typeof templates>,
      wait,
    )
    cloud.assertNoOrphans()
  })
})
