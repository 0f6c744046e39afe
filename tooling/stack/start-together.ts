/** Ends a started part by what it offers: a stack's `stop` or a browser's `close`. */
async function end(part: unknown): Promise<void> {
  if (typeof part !== 'object' || part === null) return;
  const ending = part as Partial<{ stop(): Promise<unknown>; close(): Promise<unknown> }>;
  if (typeof ending.stop === 'function') await ending.stop();
  else if (typeof ending.close === 'function') await ending.close();
}

/**
 * Waits for parts started in parallel (a stack, a browser). When any fails, it ends the ones
 * that did start before it rethrows, so a browser that cannot start never leaves a `wrangler
 * dev` stack running, and a suite's clean-up never has to know which half came up.
 *
 * @example [stack, browser] = await startTogether([startStack(), launchChromium()]);
 */
export async function startTogether<T extends readonly unknown[]>(
  starts: {
    readonly [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure === undefined) {
    return settled.map(
      (result) => (result as PromiseFulfilledResult<unknown>).value,
    ) as unknown as T;
  }
  await Promise.allSettled(
    settled.flatMap((result) => (result.status === 'fulfilled' ? [end(result.value)] : [])),
  );
  throw failure.reason;
}
