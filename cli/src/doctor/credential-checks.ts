import type { DoctorReport } from '#worker/operator/doctor-report.ts';
import { type Check, fail, pass, warn } from './check.ts';

/** Below this share of the hour's requests left, doctor warns. */
export const RATE_LIMIT_WARN_SHARE = 0.2;

/** The checks the collector ran with its own credentials, read from its doctor report. */
export function credentialChecks(report: DoctorReport): Check[] {
  const { credentials, pixels, rate_limit: rateLimit, client_id: clientId } = report.prisjakt;
  const checks: Check[] = [];
  const name = 'prisjakt credentials';
  switch (credentials.status) {
    case 'ok':
      checks.push(pass(name, `client ${clientId} accepted, roles ${credentials.roles.join(', ')}`));
      break;
    case 'no_secret':
      checks.push(
        warn(
          name,
          'the collector has no PRISJAKT_CLIENT_SECRET, so its credentials cannot be checked',
          'wrangler secret put PRISJAKT_CLIENT_SECRET --env production (events are sent with the client id alone until then)',
        ),
      );
      break;
    case 'rejected':
      checks.push(
        fail(
          name,
          `Prisjakt refused client ${clientId}: ${credentials.detail}`,
          'set the right secret: wrangler secret put PRISJAKT_CLIENT_SECRET --env production (and check PRISJAKT_CLIENT_ID)',
        ),
      );
      break;
    default:
      checks.push(
        fail(
          name,
          `the check failed: ${credentials.detail}`,
          credentials.http_status === 0
            ? 'check PRISJAKT_API_URL'
            : "try again; if it persists, check PRISJAKT_API_URL and Prisjakt's status",
        ),
      );
  }
  for (const pixel of pixels) {
    const pixelName = `pixel ${pixel.id}`;
    if (pixel.status === 'enabled') checks.push(pass(pixelName, 'exists and is enabled'));
    else if (pixel.status === 'disabled') {
      checks.push(
        fail(
          pixelName,
          'exists but is disabled: Prisjakt refuses its events',
          'enable the pixel in Business Center (Settings → Conversion Pixel)',
        ),
      );
    } else if (pixel.status === 'not_found') {
      checks.push(
        fail(
          pixelName,
          "Prisjakt has no such pixel for this client's shop: its events are dead-lettered",
          'copy the pixel id from Business Center (Settings → Conversion Pixel) into PIXEL_IDS',
        ),
      );
    } else if (pixel.status === 'not_checked') {
      checks.push(
        warn(
          pixelName,
          `cannot be checked: ${pixel.detail ?? 'no shop_user role'}`,
          'check the id against Business Center by hand, or give the collector a shop_user client',
        ),
      );
    } else {
      checks.push(
        fail(
          pixelName,
          `the check failed: ${pixel.detail ?? pixel.http_status}`,
          'try again; check PRISJAKT_API_URL',
        ),
      );
    }
  }
  const limitName = 'rate limit';
  if (rateLimit === null) {
    const limited = credentials.status === 'error' && credentials.http_status === 429;
    checks.push(
      limited
        ? fail(
            limitName,
            'the client has used up its requests for this hour',
            'wait for the hour to end; look for another user of the same client id',
          )
        : warn(
            limitName,
            'the API reported no rate limit',
            'nothing to do unless deliveries fail with 429',
          ),
    );
  } else {
    const share = rateLimit.limit > 0 ? rateLimit.remaining / rateLimit.limit : 0;
    const detail = `${rateLimit.remaining} of ${rateLimit.limit} requests left until ${rateLimit.reset_at}`;
    if (rateLimit.remaining === 0) {
      checks.push(
        fail(
          limitName,
          detail,
          'deliveries wait for the reset; look for another user of the same client id',
        ),
      );
    } else if (share < RATE_LIMIT_WARN_SHARE) {
      checks.push(
        warn(
          limitName,
          detail,
          'little headroom: switch DELIVERY_MODE to batch, or give other users of this client id their own',
        ),
      );
    } else checks.push(pass(limitName, detail));
  }
  return checks;
}
