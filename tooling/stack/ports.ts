import { createServer } from 'node:net';

/** The only interface the local stack listens on: nothing of it is reachable from elsewhere. */
export const LOOPBACK = '127.0.0.1';

/**
 * A TCP port that was free on 127.0.0.1 a moment ago, chosen by the OS. Tests never use fixed
 * ports: someone may be running the stack on 8787/8788.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Whether something already listens on `127.0.0.1:port`, found by trying to listen there.
 * Another error than "in use" (a port below 1024 without privileges, say) is thrown.
 *
 * @example if (await isPortInUse(8788)) console.error('8788 is taken')
 */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(true);
      else reject(error);
    });
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      server.close(() => resolve(false));
    });
  });
}
