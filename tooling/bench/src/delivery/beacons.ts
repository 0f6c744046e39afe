import { SEED } from '#emulator/seed.ts';

let addressSequence = 0;

/**
 * Posts a purchase to a collector's `/collect` as the pixel does, from an address of its own
 * (the collector's rate limiter counts per address), and checks it was accepted.
 *
 * @throws Error when the collector did not answer 202 accepted.
 */
export async function postBeacon(collectorUrl: string, orderId: string): Promise<void> {
  addressSequence += 1;
  const response = await fetch(`${collectorUrl}/pj/collect`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain;charset=UTF-8',
      'CF-Connecting-IP': `192.168.${(addressSequence >> 8) & 255}.${addressSequence & 255}`,
    },
    body: JSON.stringify({
      pixel_id: SEED.pixelId,
      event: 'purchase',
      event_id: orderId,
      amount: 122.95,
      currency: 'EUR',
      items: 4,
      pjclid: SEED.click.signedClickId,
      time: new Date().toISOString(),
    }),
  });
  const text = await response.text();
  if (response.status !== 202 || !text.includes('"accepted"')) {
    throw new Error(`beacon ${orderId}: ${response.status} ${text.slice(0, 200)}`);
  }
}

/** Posts every order, `concurrency` at a time. */
export async function postBeacons(
  collectorUrl: string,
  orderIds: readonly string[],
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < orderIds.length) {
      const orderId = orderIds[next] as string;
      next += 1;
      await postBeacon(collectorUrl, orderId);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
