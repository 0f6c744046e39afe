import { createConnection, createServer, type Socket } from 'node:net';

/**
 * How the proxy treats the collector's requests to the API:
 * - `pass`: forwards both ways;
 * - `refuse`: resets each connection as it opens, before a byte is read (nothing reaches the API);
 * - `hang`: takes the request and never answers (the collector's timeout has to fire);
 * - `cut`: forwards the request, so the API acts on it, then cuts the connection as the answer
 *   starts: the collector never learns that the event was stored.
 */
export type ProxyMode = 'pass' | 'refuse' | 'hang' | 'cut';

export interface FaultProxy {
  /** `http://127.0.0.1:{port}`: give it to the collector as `PRISJAKT_API_URL`. */
  url: string;
  /** Where requests go; set once the API (the emulator) is listening. */
  setTarget(url: string): void;
  /** Switches mode; open connections are closed, so the next request meets the new one. */
  setMode(mode: ProxyMode): void;
  /** Connections refused, requests left hanging, answers cut, since the start. */
  counts(): Readonly<Record<Exclude<ProxyMode, 'pass'>, number>>;
  stop(): Promise<void>;
}

/**
 * A TCP proxy on loopback between the collector and the API, whose faults are real ones at the
 * transport: reset connections, silence, and answers lost after the API acted. The emulator's
 * own `drop` fault can only answer 500 over HTTP (workerd cannot cut a connection before
 * answering); this proxy cuts for real.
 */
export async function startFaultProxy(): Promise<FaultProxy> {
  let target: URL | undefined;
  let mode: ProxyMode = 'pass';
  const counts = { refuse: 0, hang: 0, cut: 0 };
  const open = new Set<Socket>();

  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'refuse' || target === undefined) {
      counts.refuse += 1;
      client.resetAndDestroy();
      return;
    }
    if (mode === 'hang') {
      counts.hang += 1;
      client.resume();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const cutting = mode === 'cut';
    upstream.on('data', (chunk: Buffer) => {
      if (cutting) {
        counts.cut += 1;
        client.resetAndDestroy();
        upstream.destroy();
      } else client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (url) => {
      target = new URL(url);
    },
    setMode: (next) => {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    counts: () => ({ ...counts }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
