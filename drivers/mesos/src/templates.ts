import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The main template, which Heat receives as `template`. */
export const CLUSTER_TEMPLATE = 'mesoscluster.yaml'

/** Nested templates and scripts every stack carries, by the name the templates use. */
export const NESTED_FILES = [
  'mesosmaster.yaml',
  'mesosslave.yaml',
  'network.yaml',
  'network_switcher_private.yaml',
  'network_switcher_existing.yaml',
  'lb_api.yaml',
  'api_gateway_switcher_pool.yaml',
  'api_gateway_switcher_master.yaml',
  'fragments/configure-mesos-master.sh',
  'fragments/write-heat-params.sh',
  'fragments/configure-rexray.sh',
  'fragments/configure-mesos-slave.sh',
  'fragments/wc-notify.sh',
] as const

/** Reads one of the package's Heat files (`templates/<name>`), in both the ESM and CJS builds. */
export function readTemplateFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../templates/${name}`, import.meta.url)), 'utf8')
}
