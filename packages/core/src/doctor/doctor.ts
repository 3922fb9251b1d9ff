import type { Session } from '@magnum-ts/auth'
import type { MagnumValidationError } from '../errors.js'
import type { ResolvedResources } from '../resources/types.js'
import { checkOpenStackResources } from '../resources/validate.js'
import { catalogFindings, cloudformationFinding, endpointHostFindings } from './catalog.js'
import { rolesFinding } from './roles.js'
import type { DoctorFinding, DoctorOptions, DoctorReport } from './types.js'

/**
 * Checks a cloud for everything Magnum needs and reports every problem at once: the token and
 * its roles, required and optional services on the chosen interface, public endpoints cluster
 * VMs cannot resolve, Heat's CloudFormation API, and — given a template — the same resource
 * checks as `validateOpenStackResources`. All checks run concurrently; nothing is created.
 */
export async function doctor(session: Session, options: DoctorOptions = {}): Promise<DoctorReport> {
  let context: Awaited<ReturnType<Session['context']>>
  let catalog: Awaited<ReturnType<Session['catalog']>>
  try {
    ;[context, catalog] = await Promise.all([session.context(), session.catalog()])
  } catch (error) {
    // Nothing else can be checked without a token.
    return report([
      {
        level: 'error',
        check: 'auth',
        message: `Could not authenticate: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'check auth_url, the credentials and the project in clouds.yaml or OS_* variables (openstack token issue)',
      },
    ])
  }
  const chosen = options.interface ?? session.config.interface ?? 'public'
  const resources = resourceFindings(session, options)
  const [services, fromResources] = await Promise.all([catalogFindings(session, catalog, chosen), resources])
  return report(
    [
      {
        level: 'ok',
        check: 'auth',
        message: `authenticated as ${context.userName ?? context.userId}`,
        fix: '',
      },
      rolesFinding(context),
      ...services.map((finding) => requiredByNeeds(finding, options)),
      cloudformationFinding(catalog),
      ...endpointHostFindings(catalog),
      ...fromResources.findings,
    ],
    fromResources.resolved,
  )
}

/**
 * An optional service the configuration depends on is required: Barbican when certificates go
 * there (every cluster create would fail without it), so its absence is an error, not a warning.
 */
function requiredByNeeds(finding: DoctorFinding, options: DoctorOptions): DoctorFinding {
  const needed = finding.check === 'catalog:key-manager' && options.needs?.certStore === 'barbican'
  return needed && finding.level === 'warning' ? { ...finding, level: 'error' } : finding
}

async function resourceFindings(
  session: Session,
  options: DoctorOptions,
): Promise<{ findings: DoctorFinding[]; resolved?: ResolvedResources }> {
  if (!options.template) return { findings: [] }
  try {
    const { resolved, errors } = await checkOpenStackResources(session, {
      template: options.template,
      cluster: options.cluster,
      ...(options.needs ? { needs: options.needs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const findings = errors.map(toFinding)
    if (findings.length === 0) {
      const image = resolved.image
      findings.push({
        level: 'ok',
        check: 'resources',
        message: `the template's resources resolve${image ? ` (image ${image.name ?? image.id}, os_distro ${image.osDistro})` : ''}`,
        fix: '',
      })
    }
    return { findings, resolved }
  } catch (error) {
    return {
      findings: [
        {
          level: 'error',
          check: 'resources',
          message: `The resource checks could not run: ${error instanceof Error ? error.message : String(error)}`,
          fix: 'fix the service errors above (or retry if the cloud was briefly unavailable)',
        },
      ],
    }
  }
}

function toFinding(error: MagnumValidationError): DoctorFinding {
  return { level: 'error', check: `resource:${error.field}`, message: error.problem, fix: error.fix }
}

function report(findings: DoctorFinding[], resolved?: ResolvedResources): DoctorReport {
  const errors = findings.filter((f) => f.level === 'error')
  return {
    ok: errors.length === 0,
    findings,
    errors,
    warnings: findings.filter((f) => f.level === 'warning'),
    ...(resolved ? { resolved } : {}),
  }
}

/** The report as text, one finding a line (`✗`, `!`, `✓`), fixes indented below problems. */
export function formatDoctorReport(doctorReport: DoctorReport): string {
  const mark = { error: '✗', warning: '!', ok: '✓' } as const
  return doctorReport.findings
    .map((f) => `${mark[f.level]} ${f.check}: ${f.message}${f.fix ? `\n    fix: ${f.fix}` : ''}`)
    .join('\n')
}
