import { CollectorError } from '../http/problem.ts';
import { secretsEqual } from './constant-time.ts';

/**
 * Checks `Authorization: Bearer <token>` (RFC 6750) against the configured token.
 *
 * @throws CollectorError `unauthorized` (401) with a `WWW-Authenticate` challenge.
 */
export async function requireBearer(
  request: Request,
  expected: string,
  realm: string,
): Promise<void> {
  const header = request.headers.get('Authorization') ?? '';
  const match = /^Bearer[ ]+([\x21-\x7e]+)\s*$/i.exec(header);
  const presented = match?.[1];
  if (presented === undefined || !(await secretsEqual(presented, expected))) {
    throw new CollectorError(
      'unauthorized',
      header === ''
        ? 'an Authorization: Bearer token is required'
        : 'the bearer token is not valid',
      { headers: { 'WWW-Authenticate': `Bearer realm="${realm}"` } },
    );
  }
}
