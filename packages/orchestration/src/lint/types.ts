import type { HotEnvironment, HotTemplate } from '../hot/types.js'

/** The kinds of mistake `lintTemplate` finds. */
export type LintRule =
  | 'invalid-document'
  | 'unknown-version'
  | 'unknown-key'
  | 'undefined-parameter'
  | 'undefined-resource'
  | 'undefined-condition'
  | 'missing-file'
  | 'unknown-resource-type'
  | 'invalid-default'
  | 'invalid-constraint'
  | 'dependency-cycle'
  | 'unknown-property'
  | 'missing-property'
  | 'duplicate-key'

/** One mistake: which rule, where (`resources.kube_masters.properties.count`), and what to do. */
export interface Finding {
  rule: LintRule
  /** Dotted path into the document; nested files are prefixed `files["name.yaml"].`. */
  path: string
  message: string
}

export interface LintInput {
  template: HotTemplate | string
  /** The `files` map the stack will be created with. */
  files?: Record<string, string | HotTemplate>
  environment?: HotEnvironment | string
  /** Keys of `files` holding environments, as in `createStack`. */
  environmentFiles?: string[]
}
