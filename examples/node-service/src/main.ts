import { createSession, findDomain, loadCloudConfig } from '@magnum-ts/auth'
import { startService } from './service.js'

// Configuration from the environment: clouds.yaml names and the PostgreSQL URL.
const env = process.env
const session = createSession(await loadCloudConfig({ cloud: env.SERVICE_CLOUD ?? 'service', env }))
const adminSession = createSession(
  await loadCloudConfig({ cloud: env.TRUSTEE_CLOUD ?? 'service-trustee', env }),
)
const service = await startService({
  session,
  trustee: { adminSession, domainId: (await findDomain(adminSession, env.TRUSTEE_DOMAIN ?? 'magnum')).id },
  databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/magnum',
  port: Number(env.PORT ?? 8080),
})
console.log(`clusters API on ${service.url}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close())
