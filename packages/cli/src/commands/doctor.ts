import { formatDoctorReport } from '@magnum-ts/core'
import { withMagnum } from '../pipeline.js'
import type { Command } from './command.js'
import { pipelineOptions, pipelineOptionValues } from './pipeline-options.js'

/** `magnum-ts doctor`: every problem with the cloud (and a template) at once. */
export const doctorCommand: Command = {
  path: ['doctor'],
  summary:
    'Check the cloud (catalog, endpoints, roles) and optionally a cluster template, reporting every problem at once',
  options: {
    'cluster-template': {
      type: 'string',
      description: 'Also check this template’s image, flavors, networks and volume types',
    },
    ...pipelineOptions,
  },
  async run({ io, global, values }) {
    const template = values['cluster-template'] as string | undefined
    const report = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.doctor(template ? { template } : {}),
    )
    io.stdout(`${formatDoctorReport(report)}\n`)
    return report.ok ? 0 : 1
  },
}
