import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The main template, which Heat receives as `template`. */
export const CLUSTER_TEMPLATE = 'swarmcluster.yaml'

/** Nested templates and scripts every stack carries, by the name the templates use. */
export const NESTED_FILES = [
  'swarmmaster.yaml',
  'swarmnode.yaml',
  'network.yaml',
  'network_switcher_private.yaml',
  'network_switcher_existing.yaml',
  'lb_api.yaml',
  'api_gateway_switcher_pool.yaml',
  'api_gateway_switcher_master.yaml',
  'fip_switcher_public.yaml',
  'fip_switcher_private.yaml',
  'fragments/write-heat-params.sh',
  'fragments/common.sh',
  'fragments/configure-docker-storage.sh',
  'fragments/make-cert.sh',
  'fragments/configure-docker.sh',
  'fragments/swarm-setup.sh',
  'fragments/wc-notify.sh',
] as const

/** Reads one of the package's Heat files (`templates/<name>`), in both the ESM and CJS builds. */
export function readTemplateFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../templates/${name}`, import.meta.url)), 'utf8')
}
