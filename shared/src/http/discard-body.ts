/**
 * Reads and discards a request body, up to `maxBytes`, then lets go of the stream.
 *
 * An HTTP/1.1 server that answers without reading the request body has to close the connection
 * (RFC 9112 §9.3), and a client that meanwhile sent its next request on it sees a network error
 * instead of the answer; workerd closes it. Draining what a refusal left unread keeps the
 * connection usable. Past `maxBytes` the rest is cancelled and the connection let go after all.
 */
export async function discardBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<void> {
  const reader = body.getReader();
  try {
    let read = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      read += chunk.value.byteLength;
      if (read > maxBytes) break;
    }
    await reader.cancel();
  } catch {
    // The client went away; there is nothing left to read.
  }
}
