// bench/certs: the cluster PKI work of @magnum-ts/certs against Magnum's own way of doing it
// (Python `cryptography`, bench/certs/magnum_x509.py), in one run on the same machine. Runs
// alternate (ours, python, ours, …) so both see the same machine load. Prints ratios
// ours / python (below 1 = we are faster), never a lone time.
//   (a) CA + conductor client certificate, both keys encrypted at rest (cluster create)
//   (b) CSR signing, loading the stored (encrypted) CA key each time, as Magnum's API does
//   (c) CSR signing with the CA key already in memory
// Python: Debian's /usr/bin/python3 with python3-cryptography (as Magnum is packaged), else
// `python3`; BENCH_CERTS_PYTHON overrides.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import {
  createCa,
  createClusterCertificates,
  createCsr,
  decryptPrivateKey,
  encryptPrivateKey,
  KeyValueCertStore,
  memoryX509KeyPairTable,
  randomPassphrase,
  signCsr,
} from '@magnum-ts/certs'

const CA_RUNS = Number(process.env.BENCH_CERTS_CA_RUNS ?? 30)
const CSR_RUNS = Number(process.env.BENCH_CERTS_CSR_RUNS ?? 300)
const script = join(new URL('.', import.meta.url).pathname, 'magnum_x509.py')

function findPython() {
  const candidates = [process.env.BENCH_CERTS_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)
  for (const bin of candidates) {
    const r = spawnSync(bin, ['-c', 'import cryptography'], { encoding: 'utf8' })
    if (r.status === 0) return bin
  }
  return undefined
}

// A long-lived python worker: one line in names the work, one line out is its duration.
async function startPython(bin, csrFile) {
  const child = spawn(bin, [script, csrFile], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async () => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the python worker exited')
    return value
  }
  const header = JSON.parse(await next())
  return {
    header,
    async run(work) {
      child.stdin.write(`${work}\n`)
      return Number(await next())
    },
    stop: () => child.stdin.end(),
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

async function once(fn) {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

// Shared input: a node CSR the way kubelets send it (RSA 2048, SANs).
const dir = mkdtempSync(join(tmpdir(), 'bench-certs-'))
const { csrPem } = await createCsr({
  cn: 'system:node:minion-0',
  o: 'system:nodes',
  sans: { dns: ['minion-0', 'minion-0.novalocal'], ips: ['10.0.0.7'] },
})
const csrFile = join(dir, 'node.csr')
writeFileSync(csrFile, csrPem)

const store = new KeyValueCertStore(memoryX509KeyPairTable())
const ca = await createCa({ commonName: 'bench-cluster' })
const passphrase = randomPassphrase()
const encryptedKey = encryptPrivateKey(ca.privateKeyPem, passphrase)

const ours = {
  ca: () => createClusterCertificates(store, { clusterId: 'c', clusterName: 'bench-cluster' }),
  // A fresh CA object each time, so nothing parsed is cached between runs.
  csr: () =>
    signCsr(
      { certificatePem: ca.certificatePem, privateKeyPem: decryptPrivateKey(encryptedKey, passphrase) },
      csrPem,
    ),
  'csr-loaded': () => signCsr(ca, csrPem),
}
// Warm-up: JIT and module loading are not what is measured.
await ours.ca()
for (let i = 0; i < 50; i++) ours.csr()

const bin = findPython()
const python = bin ? await startPython(bin, csrFile) : undefined
const cases = [
  ['ca', '(a) CA + conductor client certificate, keys encrypted', CA_RUNS],
  ['csr', '(b) CSR signing, stored CA key loaded each time', CSR_RUNS],
  ['csr-loaded', '(c) CSR signing, CA key in memory', CSR_RUNS],
]
const lines = []
for (const [work, label, runs] of cases) {
  const mine = []
  const theirs = []
  for (let i = 0; i < runs; i++) {
    mine.push(await once(ours[work]))
    if (python) theirs.push(await python.run(work))
  }
  if (python) {
    const rm = median(mine) / median(theirs)
    const ra = mean(mine) / mean(theirs)
    lines.push(`${label}: ours/python median ${rm.toFixed(2)}, mean ${ra.toFixed(2)} (${runs} runs each)`)
  } else {
    lines.push(`${label}: ${(1000 / median(mine)).toFixed(1)}/s ours (no python reference to compare with)`)
  }
}
python?.stop()
rmSync(dir, { recursive: true, force: true })

const reference = python
  ? `Python cryptography ${python.header.cryptography} (${python.header.openssl}, ${bin})`
  : 'no Python cryptography found (apt-get install -y python3-cryptography)'
console.log(`certs: RSA 2048; Node ${process.version} (OpenSSL ${process.versions.openssl}) vs ${reference}`)
for (const line of lines) console.log(`  ${line}`)
