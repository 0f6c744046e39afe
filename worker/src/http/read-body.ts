import { CollectorError } from './problem.ts';

/** One decoder for every body: `decode` without `stream` starts afresh on each call. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const DECIMAL = /^\d+$/;

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`: at once when
 * `Content-Length` says so, otherwise as soon as the stream has delivered one byte too many, so
 * a large chunked body is never buffered whole.
 *
 * A body with a declared length (every `sendBeacon`, every `fetch` of a string) is read by the
 * runtime in one call: HTTP framing bounds it to that length (RFC 9112 §6.2), and a read loop in
 * JavaScript costs several times the CPU (measured by `npm run bench`). Only a chunked body,
 * whose length nobody declared, is read chunk by chunk against the limit.
 *
 * @throws CollectorError `payload_too_large` (413) or `invalid_request` (400, not UTF-8).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new CollectorError('payload_too_large', `the body must not exceed ${maxBytes} bytes`);
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (request.body === null) return '';

  const bytes =
    declared !== null && DECIMAL.test(declared)
      ? new Uint8Array(await request.arrayBuffer())
      : await readChunked(request.body, maxBytes, tooLarge);
  // Framing should make this impossible; it is checked all the same, as the limit is a promise.
  if (bytes.byteLength > maxBytes) throw tooLarge();
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new CollectorError('invalid_request', 'the body is not valid UTF-8');
  }
}

/** Reads a stream whole, giving up as soon as it has delivered more than `maxBytes`. */
async function readChunked(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => CollectorError,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Parses JSON, turning a syntax error into a 400 that says where it went wrong. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message says where it failed; it may quote the body, so it is kept short.
    const where = error instanceof SyntaxError ? `: ${error.message.slice(0, 120)}` : '';
    throw new CollectorError('malformed_json', `the body is not valid JSON${where}`);
  }
}

/**
 * Checks the media type of a body against the accepted ones (parameters such as `charset` are
 * ignored).
 *
 * @throws CollectorError `unsupported_media_type` (415).
 */
export function requireMediaType(request: Request, accepted: readonly string[]): void {
  const header = request.headers.get('Content-Type') ?? '';
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (!accepted.includes(mediaType)) {
    throw new CollectorError(
      'unsupported_media_type',
      `Content-Type must be ${accepted.join(' or ')}${mediaType ? `, not ${mediaType}` : ''}`,
    );
  }
}
