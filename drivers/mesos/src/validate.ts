import {
  labelBoolean,
  labelJsonObject,
  labelList,
  labelSubsetOf,
  type Problem,
  type ValidationContext,
} from '@magnum-ts/core'

/** Isolators the Mesos agent accepts in `mesos_slave_isolation`. */
export const MESOS_SLAVE_ISOLATION = [
  'filesystem/posix',
  'filesystem/linux',
  'filesystem/shared',
  'posix/cpu',
  'posix/mem',
  'posix/disk',
  'cgroups/cpu',
  'cgroups/mem',
  'docker/runtime',
  'namespaces/pid',
] as const

/** Image providers accepted in `mesos_slave_image_providers`. */
export const MESOS_IMAGE_PROVIDERS = ['docker', 'appc'] as const

/** Mesos label rules (Magnum's attr_validator): isolation, image providers, executor environment. */
export function validateMesos(ctx: ValidationContext): Problem[] {
  const { labels } = ctx
  const problems: (Problem | undefined)[] = [
    labelSubsetOf(labels, 'mesos_slave_isolation', MESOS_SLAVE_ISOLATION),
    imageProvidersProblem(labels),
    labelJsonObject(labels, 'mesos_slave_executor_env_variables'),
    labelBoolean(labels, 'rexray_preempt'),
    rexrayCredentialProblem(ctx),
  ]
  return problems.filter((p): p is Problem => p !== undefined)
}

/** REX-Ray's Cinder driver logs in with a user id, password and trust: it cannot use an application credential. */
function rexrayCredentialProblem(ctx: ValidationContext): Problem | undefined {
  if (
    ctx.clusterTemplate.volumeDriver !== 'rexray' ||
    ctx.config.clusterCredential !== 'application-credential'
  )
    return undefined
  return {
    field: 'volume_driver',
    message:
      "volume_driver=rexray needs the cluster's trustee and trust, but clusterCredential is application-credential (REX-Ray's Cinder driver cannot log in with an application credential)",
    fix: "leave volume_driver unset, or run with clusterCredential 'trust'",
  }
}

function imageProvidersProblem(labels: Record<string, string>): Problem | undefined {
  const providers = labelList(labels, 'mesos_slave_image_providers')?.map((p) => p.toLowerCase())
  if (providers === undefined) return undefined
  const unknown = providers.filter((p) => !(MESOS_IMAGE_PROVIDERS as readonly string[]).includes(p))
  if (unknown.length > 0) {
    return {
      field: 'labels.mesos_slave_image_providers',
      message: `Label mesos_slave_image_providers has unsupported value(s) ${unknown.join(', ')}`,
      fix: `use a comma-separated list of ${MESOS_IMAGE_PROVIDERS.join(', ')}`,
    }
  }
  // The agent's unified containerizer can only pull docker images with the docker/runtime isolator.
  if (
    providers.includes('docker') &&
    !(labelList(labels, 'mesos_slave_isolation') ?? []).includes('docker/runtime')
  ) {
    return {
      field: 'labels.mesos_slave_isolation',
      message: 'mesos_slave_image_providers includes docker, which needs the docker/runtime isolator',
      fix: 'add docker/runtime to mesos_slave_isolation (e.g. "filesystem/linux,docker/runtime"), or remove docker from mesos_slave_image_providers',
    }
  }
  return undefined
}
