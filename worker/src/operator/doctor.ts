import { Hono } from 'hono';
import { PrisjaktApiError, type Role } from '#shared/client/index.ts';
import type { CollectorConfig } from '../config/settings.ts';
import { createUpstreamClient } from '../delivery/upstream-client.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireBearer } from '../security/bearer.ts';
import type { CredentialsCheck, DoctorReport, PixelCheck } from './doctor-report.ts';

function failure(error: unknown): { http_status: number; detail: string } {
  if (error instanceof PrisjaktApiError) {
    // The message names operation, status, title and request id; the client never puts the
    // secret in it.
    return { http_status: error.status, detail: error.message };
  }
  return { http_status: 0, detail: 'the check failed unexpectedly' };
}

async function checkCredentials(config: CollectorConfig): Promise<{
  credentials: CredentialsCheck;
  rateLimit: DoctorReport['prisjakt']['rate_limit'];
  pixels: PixelCheck[];
}> {
  const pixelIds = [...config.pixelIds.values()];
  const notChecked = (detail: string): PixelCheck[] =>
    pixelIds.map((id) => ({ id, status: 'not_checked', detail }));
  if (config.upstream.clientSecret === undefined) {
    return {
      credentials: { status: 'no_secret' },
      rateLimit: null,
      pixels: notChecked('reading a pixel needs the client secret'),
    };
  }
  const client = createUpstreamClient(config);
  const rateLimit = () => {
    const state = client.rateLimit;
    return state
      ? {
          limit: state.limit,
          remaining: state.remaining,
          reset_at: new Date(state.resetAt).toISOString(),
        }
      : null;
  };
  let roles: Role[];
  try {
    roles = (await client.getClient(config.upstream.clientId)).roles;
  } catch (error) {
    const { http_status, detail } = failure(error);
    return {
      credentials: { status: http_status === 401 ? 'rejected' : 'error', http_status, detail },
      rateLimit: rateLimit(),
      pixels: notChecked('the credentials check failed'),
    };
  }
  if (!roles.includes('shop_user')) {
    return {
      credentials: { status: 'ok', roles },
      rateLimit: rateLimit(),
      pixels: notChecked('reading a pixel needs the shop_user role'),
    };
  }
  const pixels: PixelCheck[] = [];
  for (const id of pixelIds) {
    try {
      const pixel = await client.getPixel(id);
      pixels.push({ id, status: pixel.enabled ? 'enabled' : 'disabled' });
    } catch (error) {
      const { http_status, detail } = failure(error);
      const status =
        http_status === 404 ? 'not_found' : http_status === 403 ? 'not_checked' : 'error';
      pixels.push({ id, status, http_status, detail });
    }
  }
  return { credentials: { status: 'ok', roles }, rateLimit: rateLimit(), pixels };
}

/**
 * `GET /admin/doctor` (Bearer ADMIN_TOKEN): asks Prisjakt, with the collector's own credentials,
 * whether they work (`GET /clients/{id}`) and whether each configured pixel exists and is
 * enabled (`GET /pixels/{id}`, shop_user only), and reports the settings a caller needs to check
 * CORS and the cookie from outside. The secret stays in the Worker; the answer never holds it.
 * It costs 1 + (number of pixels) API requests.
 */
export function doctorAdmin(config: CollectorConfig, adminToken: string): Hono<AppEnv> {
  const admin = new Hono<AppEnv>();
  admin.use('*', async function requireAdmin(c, next) {
    await requireBearer(c.req.raw, adminToken, 'pjcollector-admin');
    await next();
  });
  admin.get('/', async function handleDoctor(c) {
    const { credentials, rateLimit, pixels } = await checkCredentials(config);
    const report: DoctorReport = {
      prisjakt: {
        api_url: config.upstream.baseUrl,
        client_id: config.upstream.clientId,
        credentials,
        pixels,
        rate_limit: rateLimit,
      },
      collector: {
        environment: config.environment,
        base_path: config.basePath,
        allowed_origins: [...config.allowedOrigins.patterns],
        cookie: {
          name: config.cookie.name,
          domain: config.cookie.domain ?? null,
          path: config.cookie.path,
        },
      },
    };
    c.get('log').info('doctor.checked', { credentials: credentials.status });
    return c.json(report, 200, { 'Cache-Control': 'no-store' });
  });
  return admin;
}
