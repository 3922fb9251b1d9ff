import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fakeCloudsYaml } from '../../src/commands/fake-cloud-config.js'
import { K8S_TEMPLATE } from '../fake-cloud-env.js'

// Shared by the end-to-end files: each starts ONE `magnum-ts fake-cloud serve` process on a free
// 127.0.0.1 port, with its own temp dir (clouds.yaml, SQLite store, data dir), and runs the built
// executable as real processes against it. `pnpm build` first; without a build the files skip.

export const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))
export const built = existsSync(bin)
if (!built) console.warn(`cli e2e tests skipped: ${bin} is missing (run pnpm build)`)

/** `script` from util-linux runs a command under a pseudo-terminal; the TTY cases need it. */
export const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface E2eCloud {
  /** The temp dir of this file: clouds.yaml, the store, the data dir, written files. */
  dir: string
  origin: string
  /** The environment every command runs with: the demo user, the trustee admin, a fast --wait. */
  env: Record<string, string>
  /** Runs `magnum-ts …` as the demo user (or as `admin` of the admin project). */
  run(
    args: readonly string[],
    options?: { user?: 'demo' | 'admin'; env?: Record<string, string | undefined> },
  ): Promise<RunResult>
  /** Runs `magnum-ts …` with stdout on a pseudo-terminal; stdout and stderr arrive merged. */
  runInTty(args: readonly string[]): Promise<RunResult>
  stop(): Promise<void>
}

/** Runs `magnum-ts …` with no cloud configured (help, version, demo). */
export function runBin(args: readonly string[]): Promise<RunResult> {
  return runProcess(process.execPath, [bin, ...args], { PATH: process.env.PATH ?? '', HOME: '/nonexistent' })
}

/** Starts `magnum-ts fake-cloud serve --port 0` and waits for the URL it prints. */
export async function startCloud(): Promise<E2eCloud> {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-e2e-'))
  const server = spawn(process.execPath, [bin, 'fake-cloud', 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const origin = await listeningOrigin(server)
  const cloudsFile = join(dir, 'clouds.yaml')
  writeFileSync(cloudsFile, fakeCloudsYaml(origin), { mode: 0o600 })
  mkdirSync(join(dir, 'data'))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    OS_CLIENT_CONFIG_FILE: cloudsFile,
    OS_CLOUD: 'fake',
    MAGNUM_TS_DATA_DIR: join(dir, 'data'),
    MAGNUM_TS_STORE: `sqlite:${join(dir, 'store.sqlite')}`,
    MAGNUM_TS_TRUSTEE_CLOUD: 'fake-trustee',
    MAGNUM_TS_WAIT_INTERVAL_MS: '150',
  }
  return {
    dir,
    origin,
    env,
    run: (args, options = {}) =>
      runProcess(
        process.execPath,
        [bin, ...args],
        // An `undefined` in options.env removes that variable.
        definedOnly({
          ...env,
          ...(options.user === 'admin' ? { OS_CLOUD: 'fake-admin' } : {}),
          ...options.env,
        }),
      ),
    runInTty: (args) =>
      runProcess(
        'script',
        ['-qec', [process.execPath, bin, ...args].map(shellQuote).join(' '), '/dev/null'],
        {
          ...env,
          TERM: 'xterm',
        },
      ),
    async stop() {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
      if (server.exitCode === null) server.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

function listeningOrigin(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    server.stdout!.on('data', (d) => {
      out += d
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    server.stderr!.on('data', (d) => {
      out += d
    })
    server.once('exit', (code) =>
      reject(new Error(`fake-cloud serve exited (${code}) before listening: ${out}`)),
    )
  })
}

function runProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

/** stdout parsed as JSON, failing with the process's stderr when it is not. */
export function json<T = unknown>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`)
  }
}

/** The options of a Kubernetes template the fake cloud's default world can build. */
export const k8sTemplateOptions = K8S_TEMPLATE

/** Any ANSI escape sequence (colour, cursor movement, line erase). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape codes are what is looked for
export const ESCAPE = /\u001b\[/

/** The JSON document printed after `--wait`'s status lines (`-f json`). */
export function jsonAfterProgress<T = Record<string, unknown>>(result: RunResult): T {
  // An object starts a line with `{`, an array is `[` alone on its line (status lines are `[  5s] …`).
  const start = result.stdout.search(/^(\{|\[$)/m)
  if (start < 0)
    throw new Error(`no JSON in stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(result.stdout.slice(start)) as T
}
