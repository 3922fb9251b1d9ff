import { createFakeCloud } from '@magnum-ts/testing'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Io, main } from '../src/index.js'

// The CLI's session goes through globalThis.fetch, so msw routes it to the fake cloud.
const cloud = createFakeCloud()
const server = setupServer(...cloud.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

function run(argv: string[], user: 'demo' | 'admin') {
  let stdout = ''
  let stderr = ''
  const config = cloud.cloudConfig({ user, project: user })
  const io: Io = {
    stdout: (t) => {
      stdout += t
    },
    stderr: (t) => {
      stderr += t
    },
    env: {
      OS_AUTH_URL: config.auth.authUrl,
      OS_USERNAME: user,
      OS_PASSWORD: 'secret',
      OS_PROJECT_NAME: user,
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    },
    cwd: '/nonexistent-magnum-ts-cwd',
    isTty: false,
  }
  return main([...argv, '--store', 'memory:'], io).then((code) => ({ code, stdout, stderr }))
}

describe('magnum-ts quota and stats', () => {
  it('a member may not create quotas (403 → exit 1, naming the policy); an admin may', async () => {
    const denied = await run(['quota', 'create', '--project-id', 'p1', '--hard-limit', '5'], 'demo')
    expect(denied.code).toBe(1)
    expect(denied.stderr).toMatch(/quota:create/)
    const allowed = await run(
      ['quota', 'create', '--project-id', 'p1', '--hard-limit', '5', '-f', 'json'],
      'admin',
    )
    expect(allowed.code).toBe(0)
    expect(JSON.parse(allowed.stdout)).toMatchObject({ project_id: 'p1', resource: 'Cluster', hard_limit: 5 })
  })

  it('quota show falls back to the default of 20 clusters; stats counts the project', async () => {
    const quota = await run(['quota', 'show', '--project-id', 'nowhere', '-f', 'json'], 'admin')
    expect(JSON.parse(quota.stdout)).toMatchObject({ hard_limit: 20 })
    const stats = await run(['stats', '-f', 'json'], 'demo')
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.stdout)).toEqual({ clusters: 0, nodes: 0 })
  })

  it('usage errors name the option (exit 2)', async () => {
    const missing = await run(['quota', 'update', '--project-id', 'p1'], 'admin')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--hard-limit')
  })
})
