import { describe, expect, it } from 'vitest'
import { type Io, main } from '../src/index.js'

describe('magnum-ts demo', () => {
  it('runs the whole flow on a loopback fake cloud and an embedded SQLite store, leaving no orphans', async () => {
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
    expect(stdout).toMatch(/\| cluster_distro +\| fedora-atomic +\|/)
    expect(stdout).toMatch(/\| api_address +\| https:\/\/\d+\.\d+\.\d+\.\d+:6443 +\|/)
    expect(stdout).toMatch(/export KUBECONFIG=\/.*\/k8s-demo\/config/)
    expect(stdout).toMatch(/\| node_count +\| 3 +\|/)
    expect(stdout).toMatch(/\| api_address +\| tcp:\/\/\d+\.\d+\.\d+\.\d+:2375 +\|/)
    expect(stdout).toContain('none left behind')
    expect(stdout).toContain('-----BEGIN CERTIFICATE-----')
    expect(stdout).toMatch(/\| clusters +\| 2 +\|/)
    expect(stdout).toMatch(/Demo finished in [\d.]+ s: 14 commands, no orphans\./)
  }, 120_000)
})
