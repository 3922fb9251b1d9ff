import type { OptionSpec } from './command.js'

/** Options every command that opens the pipeline accepts. */
export const pipelineOptions: Record<string, OptionSpec> = {
  store: {
    type: 'string',
    description: 'State store: sqlite:PATH (default in the user data dir), memory:, postgres://…',
  },
  'cert-store': { type: 'string', description: 'Certificate store: store (default), local:DIR, barbican' },
  'trustee-cloud': {
    type: 'string',
    description: 'clouds.yaml cloud of the trustee domain admin (MAGNUM_TS_TRUSTEE_CLOUD)',
  },
  'trustee-domain': { type: 'string', description: 'Domain trustee users are created in (default magnum)' },
  'cluster-credential': {
    type: 'string',
    description:
      'What new clusters authenticate with: trust (default; trustee user + trust, needs --trustee-cloud) or application-credential (your own restricted application credential, no trustee) (MAGNUM_TS_CLUSTER_CREDENTIAL)',
  },
}

export function pipelineOptionValues(values: Record<string, unknown>) {
  return {
    store: values.store as string | undefined,
    certStore: values['cert-store'] as string | undefined,
    trusteeCloud: values['trustee-cloud'] as string | undefined,
    trusteeDomain: values['trustee-domain'] as string | undefined,
    clusterCredential: values['cluster-credential'] as string | undefined,
  }
}
