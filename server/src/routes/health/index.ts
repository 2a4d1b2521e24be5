import { createRouter } from '../../http/router.ts';
import { ApiError } from '../../http/api-error.ts';
import { livenessRoute, readinessRoute } from './health.routes.ts';

const READINESS_TIMEOUT_MS = 2_000;

export const healthRouter = createRouter()
  .openapi(livenessRoute, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readinessRoute, async (c) => {
    const check = c.get('sql')`SELECT 1`;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS).unref());
    try {
      await Promise.race([check, timeout]);
    } catch {
      check.cancel();
      throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'The database does not answer.');
    }
    return c.json({ status: 'ok' as const }, 200);
  });
