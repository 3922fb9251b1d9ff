import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { built, type E2eCloud, json, k8sTemplateOptions, type RunResult, startCloud } from './support.js'

// Each exit-code class as a real process: 0 ok, 1 cloud or API error, 2 usage or validation.
// Errors are ONE line on stderr, `magnum-ts: …`, saying what to change; usage errors add the
// `Try 'magnum-ts --help'.` hint.

let cloud: E2eCloud
beforeAll(async () => {
  if (built) {
    cloud = await startCloud()
    const template = await cloud.run(['cluster', 'template', 'create', 'k8s', ...k8sTemplateOptions])
    if (template.code !== 0) throw new Error(template.stderr)
  }
})
afterAll(async () => {
  await cloud?.stop()
})

/** Usage errors (exit 2) add the help hint; every other error is exactly one line. */
function expectOneLineError(result: RunResult, code: 1 | 2, text: string) {
  expect(result.code).toBe(code)
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines[0]).toMatch(/^magnum-ts: /)
  expect(lines[0]).toContain(text)
  expect(lines.slice(1)).toEqual(code === 2 ? ["Try 'magnum-ts --help'."] : [])
}

describe.skipIf(!built)('exit codes as processes', () => {
  describe('2: usage and validation', () => {
    it('an unknown option names it', async () => {
      expectOneLineError(await cloud.run(['cluster', 'list', '--nope']), 2, "Unknown option '--nope'")
    })

    it('an unknown command names it', async () => {
      expectOneLineError(
        await cloud.run(['cluster', 'frobnicate']),
        2,
        'unknown command "cluster frobnicate"',
      )
    })

    it('a missing argument names the argument', async () => {
      expectOneLineError(await cloud.run(['cluster', 'show']), 2, 'cluster show needs a NAME_OR_ID')
      expectOneLineError(
        await cloud.run(['cluster', 'create', 'x']),
        2,
        'cluster create needs --cluster-template',
      )
    })

    it('a bad label shows the expected form', async () => {
      expectOneLineError(
        await cloud.run(['cluster', 'create', 'x', '--cluster-template', 'k8s', '--labels', '=bad']),
        2,
        '--labels: "=bad" is not key=value (example: --labels kube_tag=v1.30.0,flannel_backend=vxlan)',
      )
    })

    it('a bad number names the option and the range', async () => {
      expectOneLineError(
        await cloud.run(['cluster', 'create', 'x', '--cluster-template', 'k8s', '--node-count', 'two']),
        2,
        '--node-count must be a whole number ≥ 1 (got "two")',
      )
    })

    it('an unknown output format lists the known ones', async () => {
      expectOneLineError(
        await cloud.run(['cluster', 'list', '-f', 'xml']),
        2,
        '--format must be one of table, json, yaml, value (got "xml")',
      )
    })

    it('an unknown clouds.yaml cloud lists the known ones', async () => {
      const result = await cloud.run(['cluster', 'list', '--os-cloud', 'nowhere'])
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^magnum-ts: .*nowhere/)
      expect(result.stderr).toContain('fake-admin')
    })

    it('a clouds.yaml path that does not exist says how to fix it', async () => {
      const result = await cloud.run(['cluster', 'list'], {
        env: { OS_CLIENT_CONFIG_FILE: '/nonexistent/clouds.yaml' },
      })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^magnum-ts: .*OS_CLIENT_CONFIG_FILE: file not found\. Fix: /)
    })

    it('creating a cluster without the trustee admin is refused before anything is made, naming the setting', async () => {
      const result = await cloud.run(['cluster', 'create', 'no-trustee', '--cluster-template', 'k8s'], {
        env: { MAGNUM_TS_TRUSTEE_CLOUD: undefined },
      })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^magnum-ts: .*set --trustee-cloud NAME \(or MAGNUM_TS_TRUSTEE_CLOUD\)/)
      expect(json(await cloud.run(['cluster', 'list', '-f', 'json']))).toEqual([])
    })
  })

  describe('1: cloud and API errors', () => {
    it('a cluster that does not exist (404) is named', async () => {
      expectOneLineError(await cloud.run(['cluster', 'show', 'nope']), 1, 'No cluster with id or name "nope"')
      expectOneLineError(
        await cloud.run(['cluster', 'template', 'show', 'nope']),
        1,
        'No cluster template with id or name "nope"',
      )
    })

    it('an unreachable cloud', async () => {
      const result = await cloud.run(['token', 'issue'], {
        env: {
          OS_CLOUD: undefined,
          OS_CLIENT_CONFIG_FILE: undefined,
          OS_AUTH_URL: 'http://127.0.0.1:9/v3',
          OS_USERNAME: 'demo',
          OS_PASSWORD: 'secret',
          OS_USER_DOMAIN_NAME: 'Default',
        },
      })
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^magnum-ts: .*127\.0\.0\.1:9/)
    })

    it('a wrong password is refused without printing it', async () => {
      const result = await cloud.run(['token', 'issue'], {
        env: {
          OS_CLOUD: undefined,
          OS_CLIENT_CONFIG_FILE: undefined,
          OS_AUTH_URL: `${cloud.origin}/identity/v3`,
          OS_USERNAME: 'demo',
          OS_PASSWORD: 'not-the-password',
          OS_PROJECT_NAME: 'demo',
          OS_USER_DOMAIN_NAME: 'Default',
          OS_PROJECT_DOMAIN_NAME: 'Default',
        },
      })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('refused the credentials')
      expect(result.stderr).not.toContain('not-the-password')
    })

    it('a Heat failure: --wait ends with exit 1 and the failed status; the cluster stays to inspect', async () => {
      // 1 master + 12 nodes exceed the fake Nova's default limit of 10 instances, so Heat fails.
      const result = await cloud.run([
        'cluster',
        'create',
        'too-big',
        '--cluster-template',
        'k8s',
        '--node-count',
        '12',
        '--wait',
      ])
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} accepted\n/)
      expect(result.stdout).toMatch(/too-big: CREATE_FAILED/)
      // The one line names the cause Heat gave, not only Magnum's "<nodegroup> failed".
      expect(result.stderr).toMatch(/^magnum-ts: Cluster [0-9a-f-]{36} is CREATE_FAILED: .*Quota exceeded/)
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      const shown = json<{ status: string; faults: Record<string, string> }>(
        await cloud.run(['cluster', 'show', 'too-big', '-f', 'json']),
      )
      expect(shown.status).toBe('CREATE_FAILED')
      expect(Object.values(shown.faults).join(' ')).toMatch(/Quota exceeded/)
      const deleted = await cloud.run(['cluster', 'delete', 'too-big', '--wait'])
      expect(deleted.code).toBe(0)
    })
  })
})
