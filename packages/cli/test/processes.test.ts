import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

// Real processes, real stdout and exit codes: these run the built executable (`pnpm build`
// first; `./run test` and CI always build). Without a build they skip and say so.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const built = existsSync(bin)
if (!built) console.warn(`cli process tests skipped: ${bin} is missing (run pnpm build)`)

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children) c.kill('SIGKILL')
  children.length = 0
})

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.skipIf(!built)('magnum-ts as a process', () => {
  it('fake-cloud serve prints OS_* exports that another magnum-ts process can use; SIGINT stops it with 0', async () => {
    const server = spawn(process.execPath, [bin, 'fake-cloud', 'serve', '--port', '0'])
    children.push(server)
    let out = ''
    const exports = await new Promise<Record<string, string>>((resolve, reject) => {
      server.stdout.on('data', (d) => {
        out += d
        if (out.includes('OS_REGION_NAME')) {
          resolve(
            Object.fromEntries([...out.matchAll(/^export (OS_\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!])),
          )
        }
      })
      server.on('exit', () => reject(new Error(`server exited early: ${out}`)))
    })
    expect(exports.OS_AUTH_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(out).toContain('clouds:')

    const listed = await run(['catalog', 'list', '-f', 'json'], exports)
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as { Type: string }[]).map((r) => r.Type)).toContain('compute')

    const closed = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
    server.kill('SIGINT')
    expect(await closed).toBe(0)
  })

  it('exit codes: 2 for usage, 1 for an unreachable cloud', async () => {
    expect((await run(['cluster-what'])).code).toBe(2)
    const unreachable = await run(['token', 'issue'], {
      OS_AUTH_URL: 'http://127.0.0.1:9/v3',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_USER_DOMAIN_NAME: 'Default',
    })
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^magnum-ts: /)
  })

  it('--version and --help', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^magnum-ts \d+\.\d+\.\d+/)
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('fake-cloud serve')
  })
})
