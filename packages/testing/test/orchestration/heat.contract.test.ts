import { createSession, loadCloudConfig } from '@magnum-ts/auth'
import { REALCLOUD_CLOUDS_YAML, realcloudAvailable } from '@magnum-ts/testing'
import { describe, it } from 'vitest'
import { mainTemplateContract, realcloudTemplates } from './heat-contract.js'

// The same behaviour as main-template.test.ts (the fake side), against the real Heat 19 of
// ../shared/realcloud (127.0.0.1:8004).
const templates = realcloudTemplates()
const available = templates !== undefined && (await realcloudAvailable({ heat: true }))

describe.skipIf(!available)('contract: real Heat runs realcloud main.yaml', () => {
  it('creates, lists nested resources and deletes', async () => {
    const config = await loadCloudConfig({
      cloud: 'realcloud-demo',
      env: { OS_CLIENT_CONFIG_FILE: REALCLOUD_CLOUDS_YAML },
    })
    const session = createSession(config)
    await mainTemplateContract(
      session,
      `contract-main-${Date.now()}`,
      templates as NonNullable<typeof templates>,
      // Real Heat (convergence) takes about a second per resource.
      { pollIntervalMs: 1000, maxIntervalMs: 3000, timeoutMs: 200_000 },
      // realcloud's Heat 19 (SQLite, fake:// transport) leaves updates of this template in
      // UPDATE_IN_PROGRESS for good (its group and nested stack finish, the parent never
      // does), and such stacks then cannot be deleted ("ResourcePropertiesData with id …
      // not found"). The scale step runs on the fake only until realcloud is fixed.
      { scale: false },
    )
  }, 300_000)
})
