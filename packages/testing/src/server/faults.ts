/** One injected misbehaviour, matched against each request. */
export interface FaultRule {
  /** Service type the rule applies to (`compute`, `identity`, …); every service when omitted. */
  service?: string
  /** HTTP method; any when omitted. */
  method?: string
  /** A substring of, or a pattern for, the request path (`/servers`, /\/servers\/[^/]+$/). */
  path?: string | RegExp
  /** Answer with this status (in the service's error envelope) instead of serving the request. */
  status?: number
  /** Error message for `status`. */
  message?: string
  /** Extra delay before answering, in real milliseconds. */
  latencyMs?: number
  /** Close the connection without an answer (fetch rejects with a TypeError). */
  drop?: boolean
  /** Apply this many times, then disappear. Unlimited when omitted. */
  times?: number
}

/** A rule in force: how often it fired, and a way to lift it. */
export interface FaultHandle {
  readonly rule: FaultRule
  hits(): number
  remove(): void
}

/** The effect of the rules matching one request. */
export interface FaultEffect {
  latencyMs: number
  drop: boolean
  status?: { code: number; message: string } | undefined
}

/** Runtime control of injected faults. */
export interface Faults {
  /** Adds a rule; `faults.add({ service: 'compute', status: 503, times: 3 })` fails three calls then heals. */
  add(rule: FaultRule): FaultHandle
  /** Shorthand: `status` on a service (optionally a path) `times` times. */
  fail(service: string, status: number, times?: number, path?: string | RegExp): FaultHandle
  /** Shorthand: delay every answer of a service. */
  latency(service: string, ms: number): FaultHandle
  /** Shorthand: drop the connection of the next `times` requests to a service. */
  drop(service: string, times?: number, path?: string | RegExp): FaultHandle
  /** Makes every token issued so far expired (the fake's clock is not moved). */
  expireTokens(): void
  /** Revokes every token issued so far, as `DELETE /v3/auth/tokens` would. */
  revokeTokens(): void
  /** Lifts every rule. */
  clear(): void
  /** Rules in force. */
  list(): FaultRule[]
  /** Consumes the rules matching a request (used by the dispatcher). */
  match(service: string, method: string, path: string): FaultEffect
}

/** Builds the fault controller; token faults are delegated to the identity state. */
export function createFaults(tokens: { expireAll(): void; revokeAll(): void }): Faults {
  interface Active {
    rule: FaultRule
    hits: number
    left: number
  }
  let active: Active[] = []
  const add = (rule: FaultRule): FaultHandle => {
    const entry: Active = { rule, hits: 0, left: rule.times ?? Number.POSITIVE_INFINITY }
    active.push(entry)
    return {
      rule,
      hits: () => entry.hits,
      remove: () => {
        active = active.filter((a) => a !== entry)
      },
    }
  }
  const matches = (rule: FaultRule, service: string, method: string, path: string) =>
    (!rule.service || rule.service === service) &&
    (!rule.method || rule.method.toUpperCase() === method) &&
    (!rule.path || (typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path)))

  return {
    add,
    fail: (service, status, times, path) =>
      add({
        service,
        status,
        ...(times === undefined ? {} : { times }),
        ...(path === undefined ? {} : { path }),
      }),
    latency: (service, ms) => add({ service, latencyMs: ms }),
    drop: (service, times, path) =>
      add({
        service,
        drop: true,
        ...(times === undefined ? {} : { times }),
        ...(path === undefined ? {} : { path }),
      }),
    expireTokens: () => tokens.expireAll(),
    revokeTokens: () => tokens.revokeAll(),
    clear: () => {
      active = []
    },
    list: () => active.map((a) => a.rule),
    match: (service, method, path) => {
      const effect: FaultEffect = { latencyMs: 0, drop: false }
      for (const entry of [...active]) {
        if (!matches(entry.rule, service, method, path)) continue
        entry.hits++
        entry.left--
        if (entry.left <= 0) active = active.filter((a) => a !== entry)
        effect.latencyMs += entry.rule.latencyMs ?? 0
        if (entry.rule.drop) effect.drop = true
        if (entry.rule.status && !effect.status) {
          effect.status = {
            code: entry.rule.status,
            message: entry.rule.message ?? `Injected fault: ${entry.rule.status}`,
          }
        }
      }
      return effect
    },
  }
}
