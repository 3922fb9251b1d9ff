import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The main template, which Heat receives as `template`. */
export const CLUSTER_TEMPLATE = 'kubecluster.yaml'

/**
 * The add-on script (kube_cluster_config in kubecluster.yaml) in the order Heat joins it: the
 * values, the helpers and API wait, then one fragment per add-on.
 */
export const ADDON_FRAGMENTS = [
  'fragments/addons-params.sh',
  'fragments/addons-lib.sh',
  'fragments/addon-coredns.sh',
  'fragments/addon-keystone-auth.sh',
  'fragments/addon-dashboard.sh',
  'fragments/addon-monitoring.sh',
  'fragments/addon-ingress.sh',
  'fragments/addon-storage-class.sh',
] as const

/** Nested templates and node scripts every stack carries, by the name the templates use. */
export const NESTED_FILES = [
  'kubemaster.yaml',
  'kubeminion.yaml',
  'network.yaml',
  'network_switcher_private.yaml',
  'network_switcher_existing.yaml',
  'lb_api.yaml',
  'lb_etcd.yaml',
  'api_gateway_switcher_master.yaml',
  'api_gateway_switcher_pool.yaml',
  'fip_switcher_public.yaml',
  'fip_switcher_private.yaml',
  'fragments/write-heat-params.sh',
  'fragments/configure-docker-storage.sh',
  'fragments/configure-etcd.sh',
  'fragments/make-cert.sh',
  'fragments/configure-network.sh',
  'fragments/write-cloud-provider-config.sh',
  'fragments/configure-kubernetes.sh',
  ...ADDON_FRAGMENTS,
] as const

/** Every environment file the driver can choose (`environments/<name>.yaml`). */
export const ENVIRONMENT_FILES = [
  'no_private_network',
  'with_private_network',
  'no_etcd_volume',
  'with_etcd_volume',
  'no_volume',
  'with_volume',
  'no_master_lb',
  'with_master_lb',
  'with_master_lb_octavia',
  'enable_floating_ip',
  'disable_floating_ip',
  'enable_lb_floating_ip',
  'disable_lb_floating_ip',
].map((name) => `environments/${name}.yaml`)

const cache = new Map<string, string>()

/**
 * Reads one of the package's Heat files (`templates/<name>`). The files ship in the package and
 * are found next to the module through `import.meta.url` (tsup's shim gives the CJS build one),
 * so operators can read and diff them as plain YAML and shell.
 */
export function readTemplateFile(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`../templates/${name}`, import.meta.url)), 'utf8')
    cache.set(name, text)
  }
  return text
}

/** The main template, nested templates, scripts and every environment file, by name. */
export function templateFiles(): Record<string, string> {
  const names = [CLUSTER_TEMPLATE, ...NESTED_FILES, ...ENVIRONMENT_FILES]
  return Object.fromEntries(names.map((name) => [name, readTemplateFile(name)]))
}
