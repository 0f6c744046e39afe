import { createServer } from 'node:net';

/**
 * A TCP port that was free on 127.0.0.1 a moment ago, chosen by the OS. Tests never use fixed
 * ports: someone may be running the stack on 8787/8788.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
