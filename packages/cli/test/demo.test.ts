import { describe, expect, it } from 'vitest'
import { type Io, main } from '../src/index.js'

describe('magnum-ts demo', () => {
  it('runs every step against a loopback fake cloud and exits 0', async () => {
    let stdout = ''
    let stderr = ''
    const io: Io = {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
      env: {},
      cwd: process.cwd(),
      isTty: false,
    }
    const code = await main(['demo'], io)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Fake OpenStack on http:\/\/127\.0\.0\.1:\d+/)
    expect(stdout).toContain('image:            fedora-atomic-latest (os_distro=fedora-atomic)')
    expect(stdout).toContain('external network: public')
    expect(stdout.match(/verified: true/g)).toHaveLength(2)
    expect(stdout).toMatch(/Demo finished in [\d.]+ s: 5 steps passed\./)
  })
})
