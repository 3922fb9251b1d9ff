import type { StackRequestPreview } from '@magnum-ts/core'
import type { CommandInput } from './command.js'

/**
 * Prints what `--dry-run` found: with `-f json|yaml` exactly
 * `{ template, files, environment_files, parameters }`; as a table, one row each, the lists one
 * entry a line and the parameters as `key=value` lines. Nothing here talks to the cloud.
 */
export function printPreview(
  preview: StackRequestPreview,
  { global, print }: Pick<CommandInput, 'global' | 'print'>,
): void {
  const wire = {
    template: preview.template,
    files: preview.files,
    environment_files: preview.environmentFiles,
    parameters: preview.parameters,
  }
  if (global.format === 'json' || global.format === 'yaml') {
    print.one(wire)
    return
  }
  const lines = preview.template.split('\n').length
  print.one({
    // A template sent inline (not named in files) would flood the table: its size stands in for it.
    template: lines > 1 ? `inline template (${lines} lines; see -f json)` : preview.template,
    files: preview.files.join('\n'),
    environment_files: preview.environmentFiles.join('\n'),
    parameters: Object.entries(preview.parameters)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('\n'),
  })
}
