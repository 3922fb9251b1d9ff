// bench/fake-cloud: loopback GETs per second served by the fake cloud (`cloud.listen()`,
// `GET /compute/v2.1/flavors` with a token) as a ratio to a bare node:http server answering
// the same JSON, both on 127.0.0.1, same run, same client, bounded request count.
import { createServer } from 'node:http'
import { createFakeCloud } from '@magnum-ts/testing'

const REQUESTS = 4000
const CONCURRENCY = 32
const ROUNDS = 3

const cloud = createFakeCloud()
const fake = await cloud.listen({ port: 0, host: '127.0.0.1' })
const auth = await fetch(`${fake.url}/identity/v3/auth/tokens`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } },
      },
      scope: { project: { name: 'demo', domain: { name: 'Default' } } },
    },
  }),
})
if (auth.status !== 201) throw new Error(`the fake refused the bench's login: ${auth.status}`)
await auth.arrayBuffer()
const token = auth.headers.get('x-subject-token')
const path = '/compute/v2.1/flavors'
const sample = await fetch(`${fake.url}${path}`, { headers: { 'X-Auth-Token': token } })
const body = await sample.text()
if (sample.status !== 200) throw new Error(`GET ${path} answered ${sample.status}: ${body}`)

const bare = createServer((req, res) => {
  req.resume()
  res.writeHead(200, { 'Content-Type': 'application/json', 'X-OpenStack-Request-Id': 'req-bench' })
  res.end(body)
})
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve))
const bareUrl = `http://127.0.0.1:${bare.address().port}`

/** Requests per second for REQUESTS GETs, CONCURRENCY at a time; every answer is checked. */
async function rate(url) {
  let next = 0
  const worker = async () => {
    while (next < REQUESTS) {
      next++
      const res = await fetch(url, { headers: { 'X-Auth-Token': token } })
      const text = await res.text()
      if (res.status !== 200 || text.length !== body.length)
        throw new Error(`bad answer from ${url}: ${res.status}`)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return REQUESTS / ((performance.now() - started) / 1000)
}

// Warm both up, then alternate rounds and keep each side's best.
await rate(`${bareUrl}${path}`)
await rate(`${fake.url}${path}`)
const best = { bare: 0, fake: 0 }
for (let i = 0; i < ROUNDS; i++) {
  best.bare = Math.max(best.bare, await rate(`${bareUrl}${path}`))
  best.fake = Math.max(best.fake, await rate(`${fake.url}${path}`))
}
console.log(
  `fake cloud GET ${path}: ${(best.fake / best.bare).toFixed(2)}× the requests/s of a bare node:http server (${REQUESTS} requests × ${ROUNDS} rounds, ${CONCURRENCY} concurrent)`,
)
await fake.close()
await new Promise((resolve) => bare.close(resolve))
