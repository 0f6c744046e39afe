import { CollectorError } from './problem.ts';

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`: at once when
 * `Content-Length` says so, otherwise as soon as the stream has delivered one byte too many, so
 * a large chunked body is never buffered whole.
 *
 * @throws CollectorError `payload_too_large` (413) or `invalid_request` (400, not UTF-8).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new CollectorError('payload_too_large', `the body must not exceed ${maxBytes} bytes`);
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (request.body === null) return '';

  const reader = request.body.getReader();
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
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CollectorError('invalid_request', 'the body is not valid UTF-8');
  }
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
