import { randomBytes, randomUUID } from 'node:crypto'
import { ResourceFailure } from '../errors.js'
import type { ResourceType, TypeContext } from './registry.js'

const CLASSES: Record<string, string> = {
  lettersdigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdef',
  octdigits: '01234567',
}

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length)
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
}

/** Properties kept as attributes: what `get_attr` on a simple Heat resource returns. */
const keep =
  (names: string[]): ResourceType['create'] =>
  (ctx, p) => {
    ctx.resource.physicalId = randomUUID()
    for (const n of names) ctx.resource.attributes[n] = p[n] ?? null
  }

/** `OS::Heat::None`: accepts any properties, creates nothing. */
export const heatNone: ResourceType = {
  create(ctx) {
    ctx.resource.physicalId = randomUUID()
  },
  update() {},
}

/** `OS::Heat::Value`: its `value` attribute is its `value` property. */
export const heatValue: ResourceType = {
  create: keep(['value']),
  update(ctx, p) {
    ctx.resource.attributes.value = p.value ?? null
  },
}

/** `OS::Heat::TestResource`: `output` echoes `value`; `fail: true` fails it (Heat 19's wording). */
export const heatTestResource: ResourceType = {
  create(ctx, p) {
    if (p.fail === true || p.fail === 'true')
      throw new ResourceFailure('ValueError', `Test Resource failed ${ctx.resource.name}`)
    ctx.resource.physicalId = randomUUID()
    ctx.resource.attributes.output = p.value ?? null
  },
  update(ctx, p) {
    ctx.resource.attributes.output = p.value ?? null
  },
}

/** `OS::Heat::RandomString`: `value` is a random string (also its physical id, as in Heat). */
export const heatRandomString: ResourceType = {
  create(ctx, p) {
    const length = p.length === undefined ? 32 : Number(p.length)
    const classes = Array.isArray(p.character_classes)
      ? (p.character_classes as { class?: string }[])
          .map((c) => CLASSES[c.class ?? 'lettersdigits'] ?? '')
          .join('')
      : ''
    const sequences = Array.isArray(p.character_sequences)
      ? (p.character_sequences as { sequence?: string }[]).map((c) => c.sequence ?? '').join('')
      : ''
    const value = randomFrom(classes + sequences || CLASSES.lettersdigits || '', length)
    ctx.resource.physicalId = value
    ctx.resource.attributes.value = value
  },
}

/** `OS::Heat::SoftwareConfig` (and StructuredConfig/CloudConfig): stores its config. */
export const heatSoftwareConfig: ResourceType = {
  create(ctx, p) {
    ctx.resource.physicalId = randomUUID()
    ctx.resource.attributes.config = p.config ?? p.cloud_config ?? null
  },
}

/** `OS::Heat::MultipartMime`: `config` joins the parts' configs into a MIME document. */
export const heatMultipartMime: ResourceType = {
  create(ctx, p) {
    ctx.resource.physicalId = randomUUID()
    const boundary = `===============${randomFrom(CLASSES.digits ?? '0', 19)}==`
    const parts = Array.isArray(p.parts) ? (p.parts as { config?: unknown; type?: string }[]) : []
    const body = parts
      .map(
        (part) =>
          `--${boundary}\nContent-Type: text/${part.type === 'multipart' ? 'x-shellscript' : 'x-cfninitdata'}\n\n${String(part.config ?? '')}\n`,
      )
      .join('')
    ctx.resource.attributes.config = `Content-Type: multipart/mixed; boundary="${boundary}"\nMIME-Version: 1.0\n\n${body}--${boundary}--\n`
  },
}

/** `OS::Heat::SoftwareDeployment(s)`: applied at once (no agent runs in the fake). */
export const heatSoftwareDeployment: ResourceType = {
  create(ctx) {
    ctx.resource.physicalId = randomUUID()
    Object.assign(ctx.resource.attributes, { deploy_stdout: '', deploy_stderr: '', deploy_status_code: 0 })
  },
  update() {},
}

function handleUrls(ctx: TypeContext) {
  const id = ctx.resource.physicalId
  const base = `/stacks/${ctx.stack.name}/${ctx.stack.id}/resources/${ctx.resource.name}/signal`
  return {
    token: id.replace(/-/g, ''),
    endpoint: base,
    curl_cli: `curl -i -X POST -H 'X-Auth-Token: ${id.replace(/-/g, '')}' -H 'Content-Type: application/json' -H 'Accept: application/json' ${base}`,
    signal: { url: base, token: id.replace(/-/g, '') },
  }
}

/** `OS::Heat::WaitConditionHandle`: collects signals (`POST …/resources/{name}/signal`). */
export const heatWaitConditionHandle: ResourceType = {
  create(ctx) {
    ctx.resource.physicalId = randomUUID()
  },
  attribute(ctx, name) {
    return (handleUrls(ctx) as Record<string, unknown>)[name]
  },
}

/**
 * `OS::Heat::WaitCondition`: completes when its handle got `count` signals. With
 * `waitConditions: 'auto'` (default) the fake signals it itself, as a booted server would.
 */
export const heatWaitCondition: ResourceType = {
  create(ctx, p) {
    ctx.resource.physicalId = randomUUID()
    ctx.resource.data = {
      handle: String(p.handle ?? ''),
      count: Number(p.count ?? 1),
      timeout: Number(p.timeout ?? 3600),
    }
  },
  ready(ctx) {
    const { handle, count, timeout } = ctx.resource.data as { handle: string; count: number; timeout: number }
    const source = [...ctx.stack.resources.values()].find((r) => r.physicalId === handle || r.name === handle)
    if (ctx.waitConditions === 'auto' && source && source.signals.length < count) {
      while (source.signals.length < count)
        source.signals.push({ status: 'SUCCESS', reason: 'Signal 1 received', data: '' })
    }
    const signals = (source?.signals ?? []) as {
      status?: string
      reason?: string
      data?: unknown
      id?: string
    }[]
    const failure = signals.find((s) => String(s.status).toUpperCase() === 'FAILURE')
    if (failure) return `WaitConditionFailure: ${failure.reason ?? 'failure signalled'}`
    if (signals.length >= count) {
      ctx.resource.attributes.data = JSON.stringify(
        Object.fromEntries(signals.map((s, i) => [s.id ?? String(i + 1), s.data ?? null])),
      )
      return true
    }
    const started = ctx.resource.createdAt ?? ctx.now
    if (ctx.now - started > timeout * 1000)
      return `WaitConditionTimeout: ${count - signals.length} of ${count} received`
    return false
  },
}
