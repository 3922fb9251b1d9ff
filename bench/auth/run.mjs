// bench/auth: 1,000 concurrent requests through one session to a service with 20 ms latency,
// with the token expiring half-way. Checks that exactly 2 token requests were made and
// reports the session's throughput and p50/p99 latency as ratios to bare fetch, same run.
import { createServer } from 'node:http'
import { createSession } from '@magnum-ts/auth'

const REQUESTS = 1000
const LATENCY_MS = 20

let tokenRequests = 0
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/v3/auth/tokens') {
    tokenRequests++
    req.resume()
    const body = JSON.stringify({
      token: {
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        user: { id: 'u' },
        project: { id: 'p', name: 'demo' },
        roles: [{ name: 'member' }],
        catalog: [
          { type: 'compute', endpoints: [{ interface: 'public', region: 'RegionOne', url: `${base}/v2.1` }] },
        ],
      },
    })
    res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': `tok-${tokenRequests}` })
    res.end(body)
    return
  }
  setTimeout(() => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-OpenStack-Request-Id': 'req-1' })
    res.end('{"ok":true}')
  }, LATENCY_MS)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`

async function timed(fn) {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function bareRun() {
  const latencies = []
  const wall = await timed(() =>
    Promise.all(
      Array.from({ length: REQUESTS }, async () => {
        latencies.push(
          await timed(async () => {
            const r = await fetch(`${base}/v2.1/x`, {
              headers: { 'X-Auth-Token': 't', Accept: 'application/json' },
            })
            await r.json()
          }),
        )
      }),
    ),
  )
  return { wall, latencies: latencies.sort((a, b) => a - b) }
}

async function sessionRun() {
  let clockOffset = 0
  const session = createSession(
    { auth: { authUrl: `${base}/v3`, userId: 'u', password: 'p', projectId: 'p' } },
    { now: () => Date.now() + clockOffset },
  )
  const latencies = []
  const one = async () => {
    latencies.push(await timed(() => session.request('compute', 'GET', '/x', { microversion: false })))
  }
  const wall = await timed(async () => {
    const firstHalf = Array.from({ length: REQUESTS / 2 }, one)
    // Half-way, the token expires (as seen by the session's clock): the second half must
    // trigger exactly one refresh, however many callers ask for a token at once.
    await session.token()
    clockOffset = 3600_000
    const secondHalf = Array.from({ length: REQUESTS / 2 }, one)
    await Promise.all([...firstHalf, ...secondHalf])
  })
  return { wall, latencies: latencies.sort((a, b) => a - b) }
}

// Warm both paths (JIT, keep-alive sockets) before measuring.
await bareRun()
const bare = await bareRun()
tokenRequests = 0
const ours = await sessionRun()
server.close()

const ratio = (a, b) => (a / b).toFixed(2)
const rows = [
  ['requests/s (session ÷ bare fetch)', ratio(REQUESTS / ours.wall, REQUESTS / bare.wall)],
  [
    'p50 latency (session ÷ bare fetch)',
    ratio(percentile(ours.latencies, 50), percentile(bare.latencies, 50)),
  ],
  [
    'p99 latency (session ÷ bare fetch)',
    ratio(percentile(ours.latencies, 99), percentile(bare.latencies, 99)),
  ],
  ['token requests during the run (expected 2)', String(tokenRequests)],
]
for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`)
if (tokenRequests !== 2) {
  console.error(`FAIL: expected exactly 2 token requests, saw ${tokenRequests}`)
  process.exit(1)
}
