/** One HTTP exchange as the debug hook sees it: secrets already masked. */
export interface RequestLogEntry {
  service: string
  method: string
  url: string
  status: number | undefined
  durationMs: number
  requestId: string | undefined
  attempt: number
  /** Request headers with X-Auth-Token and friends masked. */
  requestHeaders: Record<string, string>
  /** Set when the exchange ended without a response (connection error, timeout). */
  error?: string
}
