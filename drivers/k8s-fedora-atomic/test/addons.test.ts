/**
 * The add-ons master 0 applies (kube_cluster_config in kubecluster.yaml): the script is rendered
 * as Heat would build it for a label set (str_replace over addons-params.sh with the stack's
 * parameters, then the fragments joined), run with a stand-in kubectl that keeps every manifest
 * it is asked to apply, and each manifest is parsed as YAML. The kinds, names and images must
 * follow the labels, each optional add-on must appear exactly when asked, and secrets must reach
 * only Kubernetes Secrets.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADDON_FRAGMENTS, readTemplateFile } from '@magnum-ts/driver-k8s-fedora-atomic'
import { createStack, parseTemplate, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { type ContextOptions, k8sContext, testDriver } from './support/context.js'

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A stand-in for what exists only once Heat creates the network. */
const FIXED_SUBNET = 'subnet-uuid'

interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> }
  [key: string]: unknown
}

interface Rendered {
  /** Every applied manifest, in order. */
  manifests: Manifest[]
  /** The script's stdout and stderr (Heat keeps them as deploy_stdout/deploy_stderr). */
  log: string
  /** kubectl's command lines. */
  kubectlCalls: string
  /** The stack parameters the script was rendered from (template defaults filled in). */
  param: (name: string) => unknown
}

/** Heat's str() of a parameter value inside str_replace: booleans as Python writes them. */
const heatString = (v: unknown) =>
  typeof v === 'boolean' ? (v ? 'True' : 'False') : v == null ? '' : String(v)

/** The add-on script Heat would hand master 0 for `options`, run against a stand-in kubectl. */
async function renderAddons(options: ContextOptions): Promise<Rendered> {
  const request = await testDriver().stackRequest(k8sContext(options))
  const cluster = parseTemplate(request.files['kubecluster.yaml'] as string) as unknown as Node
  const declared = cluster.parameters as Record<string, Node>
  // A null parameter takes the template default, as real Heat does.
  const param = (name: string) => request.parameters[name] ?? declared[name]?.default
  const resource = (cluster.resources as Node).kube_cluster_config as Node
  const [separator, parts] = ((resource.properties as Node).config as Node).list_join as [string, unknown[]]
  const text = parts
    .map((part) => {
      if (!isNode(part)) throw new Error(`unexpected part ${JSON.stringify(part)}`)
      if ('get_file' in part) return request.files[part.get_file as string] as string
      const { template, params } = part.str_replace as { template: Node; params: Record<string, Node> }
      let out = request.files[template.get_file as string] as string
      for (const [token, value] of Object.entries(params)) {
        const v = 'get_param' in value ? param(value.get_param as string) : FIXED_SUBNET
        out = out.split(token).join(heatString(v))
      }
      expect(out).not.toMatch(/__[A-Z0-9_]+__/)
      return out
    })
    .join(separator)

  const dir = mkdtempSync(join(tmpdir(), 'k8s-addons-'))
  const bin = join(dir, 'bin')
  execFileSync('mkdir', ['-p', bin, join(dir, 'applied')])
  // Keeps each `apply -f -` input as applied/NNN.yaml and logs every call; the API is "up".
  writeFileSync(
    join(bin, 'kubectl'),
    `#!/bin/bash
printf '%s\\n' "$*" >> "${dir}/kubectl.log"
case " $* " in
  *" apply -f - "*) n=$(ls "${dir}/applied" | wc -l); cat > "${dir}/applied/$(printf %03d "$n").yaml" ;;
esac
`,
  )
  chmodSync(join(bin, 'kubectl'), 0o755)
  writeFileSync(join(dir, 'addons.sh'), text)
  // stdout and stderr together, as Heat's deploy log would show them.
  const log = execFileSync('bash', ['-c', 'bash "$0" 2>&1', join(dir, 'addons.sh')], {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, API_WAIT_SECONDS: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const manifests = readdirSync(join(dir, 'applied'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, 'applied', file), 'utf8')).map((doc) => {
        expect(doc.errors).toEqual([])
        return doc.toJS() as Manifest
      }),
    )
  return { manifests, log, kubectlCalls: readFileSync(join(dir, 'kubectl.log'), 'utf8'), param }
}

const find = (r: Rendered, kind: string, name: string) =>
  r.manifests.find((m) => m.kind === kind && m.metadata.name === name)
const names = (r: Rendered) => r.manifests.map((m) => `${m.kind}/${m.metadata.name}`)
// biome-ignore lint/suspicious/noExplicitAny: walking parsed manifests
const containers = (m: Manifest | undefined): any[] => (m as any)?.spec?.template?.spec?.containers ?? []
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
/** Every string in a manifest (keys and values), so a secret is found however YAML quoted it. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : isNode(v)
        ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
        : []
/** The manifests other than `except` that carry `secret` anywhere, in clear or base64. */
const leaks = (r: Rendered, secret: string, except: unknown) =>
  r.manifests
    .filter((m) => m !== except)
    .filter((m) => strings(m).some((s) => s.includes(secret) || s.includes(b64(secret))))
    .map((m) => `${m.kind}/${m.metadata.name}`)

describe('add-ons: defaults (no add-on labels)', async () => {
  const r = await renderAddons({})

  it('applies every manifest as valid YAML through the local API port', () => {
    expect(r.manifests.length).toBeGreaterThan(0)
    for (const m of r.manifests) {
      expect(m.apiVersion, `${m.kind}/${m.metadata?.name}`).toBeTruthy()
      expect(m.metadata.name).toMatch(/^[a-z0-9:.-]+$/)
    }
    for (const call of r.kubectlCalls.trim().split('\n'))
      expect(call).toMatch(/^--server=http:\/\/127\.0\.0\.1:8080 /)
    expect(r.kubectlCalls).toContain('get --raw=/healthz')
  })

  it('runs CoreDNS 1.3.1 behind kube-dns at 10.254.0.10 serving cluster.local', () => {
    expect(containers(find(r, 'Deployment', 'coredns'))[0].image).toBe('docker.io/coredns/coredns:1.3.1')
    const service = find(r, 'Service', 'kube-dns') as unknown as { spec: { clusterIP: string } }
    expect(service.spec.clusterIP).toBe('10.254.0.10')
    const corefile = (find(r, 'ConfigMap', 'coredns') as unknown as { data: { Corefile: string } }).data
      .Corefile
    expect(corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa')
  })

  it('installs the dashboard and keystone auth (both default on), nothing else', () => {
    expect(containers(find(r, 'Deployment', 'kubernetes-dashboard'))[0].image).toBe(
      'k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1',
    )
    const webhook = find(r, 'DaemonSet', 'k8s-keystone-auth')
    expect(containers(webhook)[0].image).toBe('docker.io/k8scloudprovider/k8s-keystone-auth:v1.15.0')
    expect(containers(webhook)[0].args).toContain('--keystone-url=http://192.168.10.10:5000/v3')
    expect(containers(webhook)[0].args).toContain('--listen=127.0.0.1:8443')
    const policy = find(r, 'ConfigMap', 'k8s-keystone-auth-policy') as unknown as {
      data: { policies: string }
    }
    // No operator policy: members of the cluster's project.
    expect(JSON.parse(policy.data.policies)[0].match).toContainEqual({ type: 'project', values: ['p-1'] })
    expect(r.manifests.some((m) => m.metadata.namespace === 'prometheus-monitoring')).toBe(false)
    expect(names(r).filter((n) => /ingress|StorageClass/.test(n))).toEqual([])
  })
})

describe('add-ons: everything on', async () => {
  const grafanaPassword = `gr"af$a'na\`pw\\d`
  const r = await renderAddons({
    template: { volumeDriver: 'cinder' },
    config: { clusterUserTrust: true, keystoneAuthDefaultPolicy: '[{"users": {"roles": ["admin"]}}]' },
    labels: {
      coredns_tag: '1.6.2',
      service_cluster_ip_range: '10.96.0.0/12',
      dns_cluster_domain: 'k8s.example',
      kube_dashboard_version: 'v1.8.3',
      k8s_keystone_auth_tag: 'v1.16.0',
      prometheus_monitoring: 'true',
      prometheus_tag: 'v2.13.1',
      grafana_tag: '6.4.4',
      grafana_admin_passwd: grafanaPassword,
      ingress_controller: 'Traefik',
      ingress_controller_role: 'edge',
      traefik_ingress_controller_tag: 'v1.7.19',
      container_infra_prefix: 'registry.example/k8s/',
    },
  })

  it('takes every image from container_infra_prefix and the tag labels', () => {
    const images = r.manifests.flatMap((m) => containers(m).map((c: { image: string }) => c.image)).sort()
    expect(images).toEqual(
      [
        'registry.example/k8s/coredns:1.6.2',
        'registry.example/k8s/k8s-keystone-auth:v1.16.0',
        'registry.example/k8s/kubernetes-dashboard-amd64:v1.8.3',
        'registry.example/k8s/prometheus:v2.13.1',
        'registry.example/k8s/node-exporter:v0.18.1',
        'registry.example/k8s/grafana:6.4.4',
        'registry.example/k8s/traefik:v1.7.19',
      ].sort(),
    )
  })

  it('moves the DNS address with the portal network and serves the label domain', () => {
    expect(r.param('dns_service_ip')).toBe('10.96.0.10')
    expect(
      (find(r, 'Service', 'kube-dns') as unknown as { spec: { clusterIP: string } }).spec.clusterIP,
    ).toBe('10.96.0.10')
    const corefile = (find(r, 'ConfigMap', 'coredns') as unknown as { data: { Corefile: string } }).data
      .Corefile
    expect(corefile).toContain('kubernetes k8s.example in-addr.arpa')
  })

  it('puts the operator’s keystone policy in the policy ConfigMap', () => {
    const policy = find(r, 'ConfigMap', 'k8s-keystone-auth-policy') as unknown as {
      data: { policies: string }
    }
    expect(JSON.parse(policy.data.policies)).toEqual([{ users: { roles: ['admin'] } }])
  })

  it('runs Prometheus 2 (double-dash flags) and Grafana on their NodePorts', () => {
    expect(containers(find(r, 'Deployment', 'prometheus'))[0].args).toEqual([
      '--config.file=/etc/prometheus/prometheus.yml',
      '--storage.tsdb.path=/prometheus',
    ])
    const config = (find(r, 'ConfigMap', 'prometheus') as unknown as { data: Record<string, string> }).data
    // The relabel templates reach Prometheus unexpanded (not eaten by the shell).
    const relabel = ['replacement: /api/v1/nodes/$', '{1}/proxy/metrics'].join('')
    expect(config['prometheus.yml']).toContain(relabel)
    const ports = (name: string) =>
      (find(r, 'Service', name) as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports[0]!
        .nodePort
    expect([ports('prometheus'), ports('grafana')]).toEqual([30900, 30603])
  })

  it('hands the Grafana password only to the grafana-admin Secret, never to a log', () => {
    const secret = find(r, 'Secret', 'grafana-admin') as unknown as { data: Record<string, string> }
    expect(Buffer.from(secret.data['admin-password']!, 'base64').toString('utf8')).toBe(grafanaPassword)
    const env = containers(find(r, 'Deployment', 'grafana'))[0].env
    expect(env).toContainEqual({
      name: 'GF_SECURITY_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'grafana-admin', key: 'admin-password' } },
    })
    expect(leaks(r, grafanaPassword, secret)).toEqual([])
    expect(r.log).not.toContain(grafanaPassword)
    expect(r.kubectlCalls).not.toContain(grafanaPassword)
  })

  it('runs Traefik on the nodes labelled role=<ingress_controller_role>', () => {
    // biome-ignore lint/suspicious/noExplicitAny: parsed manifest
    const spec = (find(r, 'DaemonSet', 'ingress-traefik') as any).spec.template.spec
    expect(spec.nodeSelector).toEqual({ role: 'edge' })
    expect(spec.hostNetwork).toBe(true)
  })

  it('makes a default Cinder StorageClass', () => {
    const sc = find(r, 'StorageClass', 'cinder') as unknown as Manifest & { provisioner: string }
    expect(sc.provisioner).toBe('kubernetes.io/cinder')
    expect(sc.metadata.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true' })
    expect(r.manifests.filter((m) => m.kind === 'StorageClass')).toHaveLength(1)
  })
})

describe('add-ons: switched off, other ingress controllers, TLS disabled', () => {
  it('leaves out the dashboard and keystone auth when their labels say false', async () => {
    const r = await renderAddons({
      labels: { kube_dashboard_enabled: 'false', keystone_auth_enabled: 'false' },
    })
    expect(names(r).filter((n) => /dashboard|keystone/.test(n))).toEqual([])
    expect(find(r, 'Deployment', 'coredns')).toBeDefined()
    expect(r.log).toContain('dashboard disabled')
  })

  it('skips keystone auth with TLS disabled (the webhook needs the masters’ certificates)', async () => {
    const r = await renderAddons({ template: { tlsDisabled: true } })
    expect(names(r).filter((n) => /keystone/.test(n))).toEqual([])
    expect(r.log).toContain('keystone auth skipped')
  })

  it('runs the NGINX controller on role=ingress nodes by default', async () => {
    const r = await renderAddons({ labels: { ingress_controller: 'nginx' } })
    const ds = find(r, 'DaemonSet', 'ingress-nginx')
    expect(containers(ds)[0].image).toBe(
      'quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.23.0',
    )
    // biome-ignore lint/suspicious/noExplicitAny: parsed manifest
    expect((ds as any).spec.template.spec.nodeSelector).toEqual({ role: 'ingress' })
    expect(names(r).filter((n) => /traefik|octavia/.test(n))).toEqual([])
  })

  it('gives the Octavia controller the trustee’s credentials in a Secret only', async () => {
    const r = await renderAddons({
      labels: { ingress_controller: 'octavia' },
      config: { clusterUserTrust: true },
    })
    const password = k8sContext().trust.trusteePassword
    const secret = find(r, 'Secret', 'octavia-ingress-controller-config') as unknown as {
      data: { config: string }
    }
    const config = parseAllDocuments(Buffer.from(secret.data.config, 'base64').toString('utf8'))[0]!.toJS()
    expect(config).toEqual({
      'cluster-name': '5d12f6fd-a196-4bf0-ae4c-1f639a523a52',
      openstack: {
        'auth-url': 'http://192.168.10.10:5000/v3',
        'user-id': 'trustee-id',
        password,
        'trust-id': 'trust-1',
        region: 'RegionOne',
      },
      octavia: { 'subnet-id': FIXED_SUBNET, 'floating-network-id': 'c9a1bd8e-0000-4f7e-9d7a-3c1c1b6a7e01' },
    })
    expect(containers(find(r, 'Deployment', 'octavia-ingress-controller'))[0].image).toBe(
      'docker.io/k8scloudprovider/octavia-ingress-controller:v1.15.0',
    )
    expect(leaks(r, password, secret)).toEqual([])
    expect(r.log).not.toContain(password)
  })

  it('installs no StorageClass without the cinder volume driver', async () => {
    const r = await renderAddons({ labels: { prometheus_monitoring: 'true', prometheus_tag: 'v1.8.2' } })
    expect(r.manifests.filter((m) => m.kind === 'StorageClass')).toEqual([])
    // Prometheus 1.x: single-dash flags; no grafana_admin_passwd label: the template default.
    expect(containers(find(r, 'Deployment', 'prometheus'))[0].args[0]).toBe(
      '-config.file=/etc/prometheus/prometheus.yml',
    )
    const secret = find(r, 'Secret', 'grafana-admin') as unknown as { data: Record<string, string> }
    expect(secret.data['admin-password']).toBe(b64('admin'))
  })
})

/**
 * configure-kubernetes.sh on a node, from a heat-params file holding `values` (the rest are
 * fixed stand-ins): the written /etc/kubernetes files by name.
 */
function configureKubernetes(values: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-kube-'))
  const params: Record<string, string> = {
    NAME: 'k8s-master-0',
    NODE_IP: '10.0.0.5',
    NODEGROUP_ROLE: 'master',
    NODEGROUP_NAME: 'default-master',
    IS_MASTER: 'true',
    KUBE_MASTER_IP: '',
    TLS_DISABLED: 'False',
    KUBERNETES_PORT: '6443',
    CLOUD_PROVIDER_ENABLED: 'False',
    KUBE_SERVICE_ACCOUNT_KEY: 'PUB',
    KUBE_SERVICE_ACCOUNT_PRIVATE_KEY: 'PRIV',
    PORTAL_NETWORK_CIDR: '10.254.0.0/16',
    PODS_NETWORK_CIDR: '10.100.0.0/16',
    CLUSTER_UUID: 'uuid',
    ...values,
  }
  const text = Object.entries(params)
    .map(([k, v]) => `${k}='${v}'`)
    .join('\n')
  writeFileSync(join(dir, 'heat-params'), `${text}\n`)
  execFileSync('bash', ['-c', readTemplateFile('fragments/configure-kubernetes.sh')], {
    env: {
      PATH: process.env.PATH ?? '',
      HEAT_PARAMS: join(dir, 'heat-params'),
      KUBE_CONFIG_DIR: dir,
      SKIP_SYSTEMCTL: '1',
    },
  })
  return (name: string) => readFileSync(join(dir, name), 'utf8')
}

describe('add-ons: kubelet and the API server agree with them', () => {
  it('kubelet’s --cluster-dns/--cluster-domain are the stack’s dns_service_ip and dns_cluster_domain', async () => {
    const r = await renderAddons({
      labels: { service_cluster_ip_range: '10.96.0.0/12', dns_cluster_domain: 'k8s.example' },
    })
    const file = configureKubernetes({
      DNS_SERVICE_IP: String(r.param('dns_service_ip')),
      DNS_CLUSTER_DOMAIN: String(r.param('dns_cluster_domain')),
      KEYSTONE_AUTH_ENABLED: 'True',
    })
    const service = find(r, 'Service', 'kube-dns') as unknown as { spec: { clusterIP: string } }
    expect(file('kubelet')).toContain(`--cluster-dns=${service.spec.clusterIP} --cluster-domain=k8s.example`)
  })

  it('with keystone auth the API server asks the webhook at 127.0.0.1:8443 for tokens and authorization', () => {
    const file = configureKubernetes({
      DNS_SERVICE_IP: '10.254.0.10',
      DNS_CLUSTER_DOMAIN: 'cluster.local',
      KEYSTONE_AUTH_ENABLED: 'True',
    })
    const apiserver = file('apiserver')
    const kubeconfig = '/keystone-webhook.kubeconfig'
    expect(apiserver).toMatch(new RegExp(`--authentication-token-webhook-config-file=\\S+${kubeconfig}`))
    expect(apiserver).toMatch(new RegExp(`--authorization-webhook-config-file=\\S+${kubeconfig}`))
    expect(apiserver).toContain('--authorization-mode=Node,Webhook,RBAC')
    const webhook = parseAllDocuments(file('keystone-webhook.kubeconfig'))[0]!.toJS()
    expect(webhook.clusters[0].cluster.server).toBe('https://127.0.0.1:8443/webhook')
    expect(webhook['current-context']).toBe('keystone-webhook')
  })

  it('without keystone auth (or without TLS) the API server has no webhook', () => {
    for (const values of [
      { KEYSTONE_AUTH_ENABLED: 'False' },
      { KEYSTONE_AUTH_ENABLED: 'True', TLS_DISABLED: 'True' },
    ]) {
      const file = configureKubernetes({
        DNS_SERVICE_IP: '10.254.0.10',
        DNS_CLUSTER_DOMAIN: 'cluster.local',
        ...values,
      })
      expect(file('apiserver')).not.toContain('webhook')
      expect(file('apiserver')).not.toContain('--authorization-mode')
    }
  })
})

describe('add-ons: the deployment', () => {
  it('runs once on master 0, only in the cluster’s own stack', async () => {
    const request = await testDriver().stackRequest(k8sContext())
    const resources = (parseTemplate(request.files['kubecluster.yaml'] as string) as unknown as Node)
      .resources as Record<string, Node>
    expect(resources.kube_cluster_deploy).toEqual({
      type: 'OS::Heat::SoftwareDeployment',
      condition: 'create_cluster_resources',
      properties: {
        actions: ['CREATE'],
        signal_transport: 'HEAT_SIGNAL',
        config: { get_resource: 'kube_cluster_config' },
        server: { get_attr: ['kube_masters', 'refs', 0] },
      },
    })
    expect(resources.kube_cluster_config).toMatchObject({
      type: 'OS::Heat::SoftwareConfig',
      condition: 'create_cluster_resources',
      properties: { group: 'script' },
    })
    // The script joins exactly the fragments the package ships for it, in their order.
    const parts = ((resources.kube_cluster_config!.properties as Node).config as Node).list_join as [
      string,
      Node[],
    ]
    const files = parts[1].map(
      (p) => (p.get_file ?? ((p.str_replace as Node).template as Node).get_file) as string,
    )
    expect(files).toEqual([...ADDON_FRAGMENTS])
  })

  it('on the mini Heat: runs on master 0’s server with the rendered script, once the masters exist', async () => {
    const cloud = createFakeCloud()
    const session = cloud.session()
    const ctx = k8sContext({
      masters: 3,
      template: { externalNetworkId: 'public', masterLbEnabled: true },
      labels: { coredns_tag: '1.6.9', prometheus_monitoring: 'true', grafana_admin_passwd: 'pw' },
    })
    ctx.cluster.keypair = 'default'
    for (const ng of ctx.nodeGroups)
      Object.assign(ng, { flavorId: 'm1.small', imageId: 'fedora-atomic-latest' })
    const req = await testDriver().stackRequest(ctx)
    const created = await createStack(session, {
      name: 'k8s-addons',
      ...req,
      template: req.files[req.template as string]!,
      // Real Heat applies the template default to a null; the mini Heat would pass "null" on.
      parameters: Object.fromEntries(Object.entries(req.parameters).filter(([, v]) => v !== null)),
    })
    await waitForStack(session, created, {
      until: 'CREATE_COMPLETE',
      sleep: async (ms: number) => cloud.clock.advance(ms),
      now: () => cloud.clock.now(),
    })
    const stack = [...cloud.state.orchestration.stacks.values()].find((s) => s.name === 'k8s-addons')!
    const deploy = stack.resources.get('kube_cluster_deploy')!
    const config = stack.resources.get('kube_cluster_config')!
    expect([deploy.action, deploy.status]).toEqual(['CREATE', 'COMPLETE'])
    const master0 = [...cloud.state.compute.servers.values()].find((s) => s.name === 'k8s-addons-master-0')!
    expect(deploy.properties.server).toBe(master0.id)
    expect(deploy.properties.config).toBe(config.physicalId)
    const script = config.attributes.config as string
    expect(script).not.toMatch(/__[A-Z0-9_]+__/)
    expect(script).toContain('\n__CORE_DNS_TAG__'.replace('__CORE_DNS_TAG__', '1.6.9'))
    expect(script.startsWith('#!/bin/bash')).toBe(true)
  })

  it('fails loudly when the API server never answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-addons-'))
    writeFileSync(join(dir, 'kubectl'), '#!/bin/bash\nexit 1\n')
    chmodSync(join(dir, 'kubectl'), 0o755)
    const run = () =>
      execFileSync('bash', ['-c', readTemplateFile('fragments/addons-lib.sh')], {
        env: { PATH: `${dir}:${process.env.PATH ?? ''}`, API_WAIT_SECONDS: '0', CONTAINER_INFRA_PREFIX: '' },
        stdio: 'pipe',
      })
    expect(run).toThrow(/did not answer within 0s/)
  })
})
