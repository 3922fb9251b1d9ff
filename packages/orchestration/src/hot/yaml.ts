import {
  Document,
  type DocumentOptions,
  type ParseOptions,
  parse,
  type SchemaOptions,
  type ToStringOptions,
  visit,
  YAMLError,
} from 'yaml'
import { TemplateError } from './errors.js'
import type { HotEnvironment, HotTemplate } from './types.js'

/**
 * Heat reads templates with PyYAML's YAML 1.1 safe loader, except that timestamps stay
 * strings (so `heat_template_version: 2016-10-14` is the string Heat compares). We read
 * the same way, so `on`, `yes` and `0755` mean here what they mean to Heat.
 */
const HEAT_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  // PyYAML keeps the last of duplicate keys, and real templates (Magnum's kubecluster.yaml)
  // have them: reading must not fail where Heat does not. lintTemplate reports them.
  uniqueKeys: false,
}

/** The options Heat's reading corresponds to, for callers that inspect the YAML themselves. */
export const HEAT_YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = HEAT_YAML

const DUMP: DocumentOptions & SchemaOptions & ToStringOptions = {
  ...HEAT_YAML,
  // Never fold long lines: shell scripts in templates must come back byte for byte.
  lineWidth: 0,
  minContentWidth: 0,
  // The folded double-quoted style mangles escapes at line ends; one JSON-style line does not.
  doubleQuotedAsJSON: true,
}

/** Parses YAML (or JSON) the way Heat does; `source` names the document in errors. */
export function parseYaml(text: string, source: string): unknown {
  try {
    return parse(text, HEAT_YAML)
  } catch (error) {
    if (error instanceof YAMLError) {
      const pos = error.linePos?.[0]
      throw new TemplateError({
        source,
        message: error.message.split('\n')[0] ?? error.message,
        line: pos?.line,
        column: pos?.col,
        cause: error,
      })
    }
    throw error
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * A HOT template from YAML text or an object (returned as is). Throws `TemplateError` when
 * the text is not YAML or not a mapping with `heat_template_version`.
 */
export function parseTemplate(input: string | HotTemplate, source = 'template'): HotTemplate {
  const doc = typeof input === 'string' ? parseYaml(input, source) : input
  if (!isMapping(doc)) {
    throw new TemplateError({
      source,
      message: 'a template must be a YAML mapping (heat_template_version: …, resources: …)',
    })
  }
  if (!('heat_template_version' in doc)) {
    throw new TemplateError({
      source,
      message:
        'heat_template_version is missing; add e.g. `heat_template_version: 2018-08-31` as the first line',
    })
  }
  return doc as unknown as HotTemplate
}

/** A Heat environment from YAML text or an object; an empty document is an empty environment. */
export function parseEnvironment(input: string | HotEnvironment, source = 'environment'): HotEnvironment {
  const doc = typeof input === 'string' ? parseYaml(input, source) : input
  if (doc === null || doc === undefined) return {}
  if (!isMapping(doc)) {
    throw new TemplateError({
      source,
      message: 'an environment must be a YAML mapping (resource_registry: …)',
    })
  }
  return doc as HotEnvironment
}

/** YAML text for a template or environment, keys in insertion order, readable by Heat. */
export function dumpTemplate(document: HotTemplate | HotEnvironment): string {
  const doc = new Document(document, DUMP)
  visit(doc, {
    Scalar(_key, node) {
      // A block scalar cannot carry a line of only blanks (YAML reads it back as empty):
      // such strings are written double-quoted, which keeps every character.
      if (typeof node.value === 'string' && /(^|\n)[ \t]+(\n|$)/.test(node.value)) node.type = 'QUOTE_DOUBLE'
    },
  })
  return doc.toString(DUMP)
}
