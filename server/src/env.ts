import path from 'node:path';
import * as z from 'zod';
import { projectRoot } from './runtime/project-root.ts';

/**
 * All configuration, parsed once from the environment. Every variable has a safe default
 * for development; production refuses to start without the ones that protect data.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    DEMO_PORT: z.coerce.number().int().min(0).max(65535).default(8788),
    /** The demo webhook receiver `npm start` runs (loopback), which the demo tenant's test endpoint points at. */
    DEMO_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8789),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    /** Where the embedded PostgreSQL and the development master key live; relative to the project root, not the shell's folder. */
    PORTTASK_DATA_DIR: z.string().default('.data').transform((folder) => path.resolve(projectRoot(), folder)),
    PORTTASK_PUBLIC_URL: z.string().url().optional(),
    PORTTASK_MASTER_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be at least 32 random bytes, base64 encoded (openssl rand -base64 32)')
      .optional(),
    /** Earlier master keys (comma-separated), read only until `porttask secrets rotate` re-wrapped what they wrap. */
    PORTTASK_MASTER_KEY_PREVIOUS: z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{43,}(,[A-Za-z0-9+/=_-]{43,})*$/, 'must be base64 keys separated by commas')
      .optional(),
    SMTP_URL: z.string().url().optional(),
    /** Earlier widget builds kept for pinned `/widgets/<version>/` embeds, one folder per version. */
    PORTTASK_WIDGET_RELEASES_DIR: z.string().optional(),
    /** The From of every mail (an address the SMTP server may send for). */
    MAIL_FROM: z.string().min(3).max(300).optional(),
    /** Days the live-update outbox keeps events (`porttask retention run`): how far back a stream can resume. */
    SCHEDULE_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    /** Days the login audit trail keeps events (`porttask retention run`); at least a year. */
    LOGIN_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(3650).default(730),
    /** Requests per minute one IP address may make to the API (tenants' own limits are in the database; docs/operations.md). */
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(3_000),
    RATE_LIMIT_SIGN_IN_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    RATE_LIMIT_SIGN_IN_TENANT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['PORTTASK_MASTER_KEY', 'DATABASE_URL', 'PORTTASK_PUBLIC_URL'] as const) {
      if (!env[name]) context.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set", not "invalid".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}
