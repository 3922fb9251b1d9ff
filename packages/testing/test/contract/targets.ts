import { type CloudConfig, createSession, type Session } from '@magnum-ts/auth'
import type { WaitForStackOptions } from '@magnum-ts/orchestration'
import {
  createFakeCloud,
  defaultWorld,
  type FakeCloud,
  type ListeningCloud,
  realcloudAvailable,
  retryOnRealcloudStall,
  type WorldSpec,
} from '@magnum-ts/testing'

/** A user of a target, and the project it scopes to. */
export interface Account {
  user: string
  password: string
  project: string
}

/**
 * One cloud the contract runs against. Each `*.contract.test.ts` runs the same cases on every
 * target with `describe.each(targets)`, so a difference between the fake and real OpenStack
 * shows up as a case that passes on one and fails on the other.
 */
export interface ContractTarget {
  name: 'fake' | 'real'
  /** Why this target is skipped (printed), or undefined when it runs. */
  skip: string | undefined
  /** Starts what the target needs (the fake's HTTP server); idempotent. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Keystone v3 URL, e.g. `http://127.0.0.1:5000/v3`. */
  authUrl(): string
  /** admin (admin role on admin), demo (member on demo), alt (member on alt_demo: a trustee). */
  accounts: { admin: Account; demo: Account; alt: Account }
  config(account: Account): CloudConfig
  session(account?: Account): Session
  /** How `waitForStack` should poll here (the fake's clock jumps instead of sleeping). */
  wait: Partial<WaitForStackOptions>
  /** The same, with a timeout that tells a stalled update from a slow one. */
  updateWait: Partial<WaitForStackOptions>
  /**
   * Runs a scenario that updates a stack; on realcloud again if Heat stalls, and when it stalls
   * every time, `skip`s the test saying so (see retryOnRealcloudStall).
   */
  retryStalled<T>(skip: (note: string) => never, scenario: (attempt: number) => Promise<T>): Promise<T>
  /** Lets `ms` of the cloud's time pass. */
  sleep(ms: number): Promise<void>
  /** Seconds a stack of `n` small resources may take here. */
  stackSeconds(n: number): number
}

function configFor(authUrl: string, account: Account): CloudConfig {
  return {
    name: `contract-${account.user}`,
    authType: 'password',
    auth: {
      authUrl,
      username: account.user,
      password: account.password,
      projectName: account.project,
      userDomainName: 'Default',
      projectDomainName: 'Default',
    },
    regionName: 'RegionOne',
    interface: 'public',
  }
}

/** The fake's world with realcloud's accounts (see ../shared/realcloud/README.md). */
function realcloudLikeWorld(password: string): WorldSpec {
  const world = defaultWorld()
  world.projects = [...(world.projects ?? []), { name: 'alt_demo' }]
  world.users = [
    ...(world.users ?? []).map((u) => ({ ...u, password })),
    { name: 'alt_demo', password, defaultProject: 'alt_demo', roles: { alt_demo: ['member', 'reader'] } },
  ]
  return world
}

/** Real Keystone 22 + Heat 19 of ../shared/realcloud on 127.0.0.1. */
function realTarget(skip: string | undefined): ContractTarget {
  const authUrl = 'http://127.0.0.1:5000/v3'
  const accounts = {
    admin: { user: 'admin', password: 'password', project: 'admin' },
    demo: { user: 'demo', password: 'password', project: 'demo' },
    alt: { user: 'alt_demo', password: 'password', project: 'alt_demo' },
  }
  return {
    name: 'real',
    skip,
    start: async () => {},
    stop: async () => {},
    authUrl: () => authUrl,
    accounts,
    config: (account) => configFor(authUrl, account),
    session: (account = accounts.demo) => createSession(configFor(authUrl, account)),
    // Convergence Heat takes about a second per resource.
    wait: { pollIntervalMs: 1000, maxIntervalMs: 2000, timeoutMs: 240_000 },
    // The slowest update here (three members, pause_time 3) takes about 25 s; a stall is
    // retried up to three times within a case's 300 s.
    updateWait: { pollIntervalMs: 1000, maxIntervalMs: 2000, timeoutMs: 60_000 },
    retryStalled: (skip, scenario) => retryOnRealcloudStall(scenario, { onLastStall: skip }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    stackSeconds: (n) => 30 + 5 * n,
  }
}

/** The fake cloud served over real HTTP on 127.0.0.1, its clock advanced instead of waited on. */
function fakeTarget(): ContractTarget {
  const password = 'password'
  const accounts = {
    admin: { user: 'admin', password, project: 'admin' },
    demo: { user: 'demo', password, project: 'demo' },
    alt: { user: 'alt_demo', password, project: 'alt_demo' },
  }
  // Wait conditions wait for a signal, as on real Heat (nobody signals them in the contract).
  const cloud: FakeCloud = createFakeCloud({
    world: realcloudLikeWorld(password),
    heat: { waitConditions: 'manual' },
  })
  let server: ListeningCloud | undefined
  const authUrl = () => {
    if (!server) throw new Error('the fake target is not started: call target.start() in beforeAll')
    return `${server.url}/identity/v3`
  }
  const sleep = async (ms: number) => cloud.clock.advance(ms)
  const wait = {
    pollIntervalMs: 1000,
    maxIntervalMs: 2000,
    timeoutMs: 3_600_000,
    sleep,
    now: () => cloud.clock.now(),
  }
  return {
    name: 'fake',
    skip: undefined,
    start: async () => {
      server ??= await cloud.listen({ host: '127.0.0.1', port: 0 })
    },
    stop: async () => {
      await server?.close()
      server = undefined
    },
    authUrl,
    accounts,
    config: (account) => configFor(authUrl(), account),
    session: (account = accounts.demo) => createSession(configFor(authUrl(), account)),
    wait,
    updateWait: wait,
    // The fake does not stall: a timeout here is a bug, so it fails at once.
    retryStalled: (_skip, scenario) => scenario(1),
    sleep,
    stackSeconds: () => 3600,
  }
}

async function realSkipReason(): Promise<string | undefined> {
  if (process.env.MAGNUM_TS_CONTRACT_REAL === '0') return 'MAGNUM_TS_CONTRACT_REAL=0'
  if (!(await realcloudAvailable({ heat: true })))
    return 'realcloud (127.0.0.1:5000 and :8004) is down: run ../shared/realcloud/start.sh'
  return undefined
}

const skipReal = await realSkipReason()
if (skipReal) console.warn(`contract: the "real" target is skipped: ${skipReal}`)

/** Every target, the fake first. */
export const targets: ContractTarget[] = [fakeTarget(), realTarget(skipReal)]

/** A name no earlier run used (realcloud keeps stacks and users of earlier runs). */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
