import type { Role } from '#shared/api/types.ts';

/**
 * The answer of `GET /admin/doctor`, which `pjcollector doctor` reads. Types only, with no
 * Workers types, so the Node-side CLI can import it.
 */
/** What the collector could learn about its Prisjakt client: never the secret itself. */
export type CredentialsCheck =
  | { status: 'ok'; roles: Role[] }
  | { status: 'no_secret' }
  | { status: 'rejected' | 'error'; http_status: number; detail: string };

export interface PixelCheck {
  id: string;
  /** `not_checked`: the client cannot read pixels (no shop_user role, or no secret). */
  status: 'enabled' | 'disabled' | 'not_found' | 'not_checked' | 'error';
  http_status?: number;
  detail?: string;
}

/** The collector's own view of its deployment. */
export interface DoctorReport {
  prisjakt: {
    api_url: string;
    client_id: string;
    credentials: CredentialsCheck;
    pixels: PixelCheck[];
    /** The `X-RateLimit-*` of the last answer, if the API sent them. */
    rate_limit: { limit: number; remaining: number; reset_at: string } | null;
  };
  collector: {
    environment: string;
    base_path: string;
    allowed_origins: string[];
    cookie: { name: string; domain: string | null; path: string };
  };
}
