import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NESTED_FILES, readTemplateFile } from '@magnum-ts/driver-k8s-fedora-atomic'
import { parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { type ContextOptions, k8sContext, testDriver } from './support/context.js'

const SCRIPTS = NESTED_FILES.filter((f) => f.endsWith('.sh'))
const shellcheck = spawnSync('shellcheck', ['--version']).status === 0
if (!shellcheck)
  console.warn(
    '[k8s-fedora-atomic] shellcheck is not installed (apt-get install -y shellcheck); lint skipped',
  )

describe.skipIf(!shellcheck)('node scripts: shellcheck', () => {
  for (const script of SCRIPTS) {
    it(`${script} passes shellcheck`, () => {
      const res = spawnSync('shellcheck', ['-s', 'bash', '-'], {
        input: readTemplateFile(script),
        encoding: 'utf8',
      })
      expect(res.stdout).toBe('')
      expect(res.status).toBe(0)
    })
  }
})

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Stand-ins for what only exists once Heat creates resources. */
const ATTRIBUTES: Record<string, string> = {
  'network.fixed_subnet': 'subnet-uuid',
  'kube_node_eth0.fixed_ips': '10.0.0.5',
  'api_address_lb_switch.private_ip': '10.0.0.100',
}

/**
 * The text Heat would hand a master for one of its scripts: kubemaster.yaml's str_replace over
 * write-heat-params.sh, each `get_param` followed through kubecluster.yaml's resource_def to the
 * stack parameters (or the template default). Non-strings become Python's str(), as in Heat.
 */
async function renderHeatParams(options: ContextOptions, role: 'master' | 'minion'): Promise<string> {
  const request = await testDriver().stackRequest(k8sContext(options))
  const cluster = parseTemplate(request.files['kubecluster.yaml'] as string) as unknown as Node
  const node = parseTemplate(request.files[`kube${role}.yaml`] as string) as unknown as Node
  const group = (cluster.resources as Node)[role === 'master' ? 'kube_masters' : 'kube_minions'] as Node
  const props = ((group.properties as Node).resource_def as Node).properties as Node
  const clusterParams = cluster.parameters as Record<string, Node>
  const nodeParams = node.parameters as Record<string, Node>
  const stackParam = (name: string) => request.parameters[name] ?? clusterParams[name]?.default
  const resolveCluster = (v: unknown): unknown => {
    if (isNode(v) && 'if' in v) {
      // kube_minions joins the cluster's own resources, or a nodegroup stack's existing_* ones.
      const [condition, whenTrue, whenFalse] = v.if as unknown[]
      expect(condition).toBe('create_cluster_resources')
      return resolveCluster(stackParam('is_cluster_stack') === true ? whenTrue : whenFalse)
    }
    if (isNode(v) && 'get_param' in v) return stackParam(v.get_param as string)
    if (isNode(v) && 'get_attr' in v) return ATTRIBUTES[(v.get_attr as string[]).slice(0, 2).join('.')] ?? ''
    return v
  }
  const nodeParam = (name: string) =>
    name in props ? resolveCluster(props[name]) : nodeParams[name]?.default
  const step = (((node.resources as Node).write_heat_params as Node).properties as Node).config as Node
  const { params } = step.str_replace as { params: Record<string, unknown> }
  let text = readTemplateFile('fragments/write-heat-params.sh')
  for (const [token, value] of Object.entries(params)) {
    let v = value
    if (isNode(v) && 'get_param' in v) v = nodeParam(v.get_param as string)
    if (isNode(v) && 'get_attr' in v) v = ATTRIBUTES[(v.get_attr as string[]).slice(0, 2).join('.')]
    const s = typeof v === 'boolean' ? (v ? 'True' : 'False') : v == null ? '' : String(v)
    text = text.split(token).join(s)
  }
  expect(text).not.toMatch(/__[A-Z0-9_]+__/)
  return text
}

function run(script: string, env: Record<string, string>) {
  return execFileSync('bash', ['-c', readTemplateFile(script)], {
    env: { PATH: process.env.PATH ?? '', ...env },
  })
}

/** A small INI reader: `[Section]` then `key=value`, double-quoted values unescaped. */
function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  let section: Record<string, string> | undefined
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line.trim())
    if (header) out[header[1]!] = section = {}
    else if (line.includes('=')) {
      if (!section) throw new Error(`key outside a section: ${line}`)
      const [key, ...rest] = line.split('=')
      const raw = rest.join('=').trim()
      section[key!.trim()] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw
    } else if (line.trim() !== '') throw new Error(`not INI: ${line}`)
  }
  return out
}

describe('node scripts: rendered output', () => {
  const trusted: ContextOptions = { config: { clusterUserTrust: true }, template: { masterLbEnabled: true } }

  it('write-cloud-provider-config.sh writes the cloud-provider INI from the trustee credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-cc-'))
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams(trusted, 'minion'))
    execFileSync('bash', [join(dir, 'write.sh')], {
      env: { PATH: process.env.PATH ?? '', HEAT_PARAMS: join(dir, 'heat-params') },
    })
    run('fragments/write-cloud-provider-config.sh', {
      HEAT_PARAMS: join(dir, 'heat-params'),
      CLOUD_CONFIG: join(dir, 'cloud-config'),
    })
    const ini = parseIni(readFileSync(join(dir, 'cloud-config'), 'utf8'))
    expect(ini.Global).toEqual({
      'auth-url': 'http://192.168.10.10:5000/v3',
      'user-id': 'trustee-id',
      password: 'p"a)s$s\\w`o(rd\'',
      'trust-id': 'trust-1',
      region: 'RegionOne',
    })
    expect(ini.LoadBalancer).toMatchObject({
      'use-octavia': 'true',
      'subnet-id': 'subnet-uuid',
      'floating-network-id': 'c9a1bd8e-0000-4f7e-9d7a-3c1c1b6a7e01',
      'create-monitor': 'yes',
      'manage-security-groups': 'true',
    })
    expect(ini.BlockStorage).toEqual({ 'bs-version': 'v2' })
  })

  it('write-cloud-provider-config.sh writes nothing while the cloud provider is off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-cc-'))
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams({}, 'master'))
    execFileSync('bash', [join(dir, 'write.sh')], { env: { HEAT_PARAMS: join(dir, 'heat-params') } })
    const out = run('fragments/write-cloud-provider-config.sh', {
      HEAT_PARAMS: join(dir, 'heat-params'),
      CLOUD_CONFIG: join(dir, 'cloud-config'),
    }).toString()
    expect(out).toContain('cloud provider disabled')
  })

  const appCredential: ContextOptions = {
    credential: { kind: 'application-credential', id: 'appcred-1', secret: 'ap"p$cr`ed\\secret' },
    config: { clusterCredential: 'application-credential' },
    template: { masterLbEnabled: true },
  }

  /** Runs the rendered write-heat-params.sh of a node into a fresh directory; returns the directory. */
  async function heatParamsDir(options: ContextOptions, role: 'master' | 'minion'): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-ac-'))
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams(options, role))
    execFileSync('bash', [join(dir, 'write.sh')], {
      env: { PATH: process.env.PATH ?? '', HEAT_PARAMS: join(dir, 'heat-params') },
    })
    return dir
  }

  it('write-cloud-provider-config.sh writes the application credential, and no trustee, in application-credential mode', async () => {
    const dir = await heatParamsDir(appCredential, 'minion')
    run('fragments/write-cloud-provider-config.sh', {
      HEAT_PARAMS: join(dir, 'heat-params'),
      CLOUD_CONFIG: join(dir, 'cloud-config'),
    })
    const ini = parseIni(readFileSync(join(dir, 'cloud-config'), 'utf8'))
    expect(ini.Global).toEqual({
      'auth-url': 'http://192.168.10.10:5000/v3',
      'application-credential-id': 'appcred-1',
      'application-credential-secret': 'ap"p$cr`ed\\secret',
      region: 'RegionOne',
    })
    expect(ini.LoadBalancer).toMatchObject({ 'use-octavia': 'true', 'subnet-id': 'subnet-uuid' })
  })

  it('make-cert.sh logs in with the application_credential method and has the CSR signed with that token', async () => {
    const dir = await heatParamsDir(appCredential, 'minion')
    // A curl stand-in: records each call's arguments and answers Keystone and Magnum.
    writeFileSync(
      join(dir, 'curl'),
      `#!/bin/bash
printf '%s\\0' "$@" >> "${dir}/curl-calls"; printf '\\n' >> "${dir}/curl-calls"
case "$*" in
  */auth/tokens*) printf 'HTTP/1.1 201 Created\\r\\nX-Subject-Token: ac-token\\r\\n\\r\\n' ;;
  *-X\\ POST*) printf '{"pem": "SIGNED"}' ;;
  *) printf '{"pem": "CA"}' ;;
esac
`,
      { mode: 0o755 },
    )
    run('fragments/make-cert.sh', {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      HEAT_PARAMS: join(dir, 'heat-params'),
      CERT_DIR: join(dir, 'certs'),
    })
    const calls = readFileSync(join(dir, 'curl-calls'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\0').filter(Boolean))
    const auth = calls.find((args) => args.some((a) => a.endsWith('/auth/tokens')))!
    expect(JSON.parse(auth[auth.indexOf('-d') + 1]!)).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: 'appcred-1', secret: 'ap"p$cr`ed\\secret' },
        },
      },
    })
    const sign = calls.find((args) => args.includes('POST') && args.some((a) => a.endsWith('/certificates')))!
    expect(sign).toContain('X-Auth-Token: ac-token')
    expect(readFileSync(join(dir, 'certs', 'ca.crt'), 'utf8').trim()).toBe('CA')
    expect(readFileSync(join(dir, 'certs', 'kubelet.crt'), 'utf8').trim()).toBe('SIGNED')
  })

  it('configure-network.sh writes flannel’s network config from the labels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-net-'))
    const labels = {
      flannel_backend: 'host-gw',
      flannel_network_cidr: '10.60.0.0/16',
      flannel_network_subnetlen: '26',
    }
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams({ labels }, 'minion'))
    execFileSync('bash', [join(dir, 'write.sh')], { env: { HEAT_PARAMS: join(dir, 'heat-params') } })
    run('fragments/configure-network.sh', { HEAT_PARAMS: join(dir, 'heat-params'), NETWORK_CONFIG_DIR: dir })
    expect(JSON.parse(readFileSync(join(dir, 'flannel-network.json'), 'utf8'))).toEqual({
      Network: '10.60.0.0/16',
      SubnetLen: 26,
      Backend: { Type: 'host-gw' },
    })
  })

  it('configure-network.sh writes calico’s IPv4 pool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-net-'))
    const options = { template: { networkDriver: 'calico' }, labels: { calico_ipv4pool: '10.200.0.0/16' } }
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams(options, 'master'))
    execFileSync('bash', [join(dir, 'write.sh')], { env: { HEAT_PARAMS: join(dir, 'heat-params') } })
    run('fragments/configure-network.sh', { HEAT_PARAMS: join(dir, 'heat-params'), NETWORK_CONFIG_DIR: dir })
    expect(readFileSync(join(dir, 'calico-ippool.yaml'), 'utf8')).toContain('cidr: 10.200.0.0/16')
  })

  it('configure-etcd.sh uses the discovery URL with several masters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-etcd-'))
    writeFileSync(
      join(dir, 'write.sh'),
      await renderHeatParams({ masters: 3, template: { masterLbEnabled: true } }, 'master'),
    )
    execFileSync('bash', [join(dir, 'write.sh')], { env: { HEAT_PARAMS: join(dir, 'heat-params') } })
    run('fragments/configure-etcd.sh', {
      HEAT_PARAMS: join(dir, 'heat-params'),
      ETCD_CONF: join(dir, 'etcd.conf'),
    })
    const conf = readFileSync(join(dir, 'etcd.conf'), 'utf8')
    expect(conf).toContain('ETCD_DISCOVERY="https://discovery.etcd.io/abc"')
    expect(conf).toContain('ETCD_ADVERTISE_CLIENT_URLS="http://10.0.0.5:2379"')
  })

  async function kubernetesFiles(options: ContextOptions, role: 'master' | 'minion') {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-kube-'))
    writeFileSync(join(dir, 'write.sh'), await renderHeatParams(options, role))
    execFileSync('bash', [join(dir, 'write.sh')], { env: { HEAT_PARAMS: join(dir, 'heat-params') } })
    run('fragments/configure-kubernetes.sh', {
      HEAT_PARAMS: join(dir, 'heat-params'),
      KUBE_CONFIG_DIR: dir,
      SKIP_SYSTEMCTL: '1',
    })
    return (name: string) => readFileSync(join(dir, name), 'utf8')
  }

  it('configure-kubernetes.sh sets up a TLS API server on 6443 with the service CIDR and key', async () => {
    const file = await kubernetesFiles({ labels: { service_cluster_ip_range: '10.96.0.0/12' } }, 'master')
    expect(file('apiserver')).toContain('--secure-port=6443')
    expect(file('apiserver')).toContain('--service-cluster-ip-range=10.96.0.0/12')
    // Master components use the loopback-only insecure port, so the secure port's
    // webhook/RBAC authorization (keystone auth) never locks them out.
    expect(file('config')).toContain('KUBE_MASTER="--master=http://127.0.0.1:8080"')
    expect(file('apiserver')).toContain('--insecure-bind-address=127.0.0.1 --insecure-port=8080')
    expect(file('apiserver')).not.toContain('--insecure-bind-address=0.0.0.0')
    expect(file('service-account.pub').trim()).toBe('PUBLIC-KEY-PEM')
    expect(file('kubelet')).not.toContain('--cloud-provider')
  })

  it('configure-kubernetes.sh serves the insecure 8080 with TLS disabled, and minions follow the API address', async () => {
    const master = await kubernetesFiles({ template: { tlsDisabled: true } }, 'master')
    expect(master('apiserver')).toContain('--insecure-port=8080')
    const minion = await kubernetesFiles({ config: { clusterUserTrust: true } }, 'minion')
    expect(minion('config')).toContain('KUBE_MASTER="--master=https://10.0.0.100:6443"')
    expect(minion('kubelet')).toContain('--cloud-provider=openstack')
    expect(minion('kubelet')).toContain('magnum.openstack.org/role=worker')
  })

  it('configure-kubernetes.sh names the cluster by its UUID, so pre-delete finds the cloud provider’s LBs', async () => {
    const master = await kubernetesFiles({ config: { clusterUserTrust: true } }, 'master')
    const uuid = k8sContext().cluster.uuid
    expect(master('controller-manager')).toContain(`--cluster-name=${uuid} --cloud-provider=openstack`)
  })
})
