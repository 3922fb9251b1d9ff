/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal
}

/** `{ signal }` when one was given (exactOptionalPropertyTypes forbids passing undefined). */
export function withSignal(options: CallOptions | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {}
}

/** Drops undefined entries so a query carries only what the caller set. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v
  return out as T
}
