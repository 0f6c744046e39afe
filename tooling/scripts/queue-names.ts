// The deploy check's rule for queue names: the collector's consumer routes each batch by its
// queue's name, compared with EVENT_QUEUE_NAME and DEAD_LETTER_QUEUE_NAME, so a queue renamed in
// wrangler.toml without them is a batch the consumer does not recognise.
import { SETTINGS } from '#worker/config/setting-table.ts';

/** The parts of a wrangler configuration (one environment, as `unstable_readConfig` reads it). */
export interface QueueConfig {
  vars?: Record<string, unknown>;
  queues?: {
    producers?: { binding: string; queue: string }[];
    consumers?: { queue: string; dead_letter_queue?: string }[];
  };
}

/**
 * What is wrong with one environment's queues, in words an operator can act on; empty when the
 * producers, the consumers and the two name settings agree.
 *
 * @example queueNameProblems({ vars: {}, queues: { producers: [{ binding: 'EVENT_QUEUE', queue: 'shop-events' }] } })
 */
export function queueNameProblems(config: QueueConfig): string[] {
  const problems: string[] = [];
  const named = (setting: 'EVENT_QUEUE_NAME' | 'DEAD_LETTER_QUEUE_NAME') => {
    const value = config.vars?.[setting];
    return typeof value === 'string' && value.trim() !== ''
      ? value.trim()
      : SETTINGS[setting].default;
  };
  const expected = {
    EVENT_QUEUE: named('EVENT_QUEUE_NAME'),
    DEAD_LETTER_QUEUE: named('DEAD_LETTER_QUEUE_NAME'),
  };
  const setting = { EVENT_QUEUE: 'EVENT_QUEUE_NAME', DEAD_LETTER_QUEUE: 'DEAD_LETTER_QUEUE_NAME' };
  const producers = config.queues?.producers ?? [];
  const consumers = config.queues?.consumers ?? [];
  for (const binding of ['EVENT_QUEUE', 'DEAD_LETTER_QUEUE'] as const) {
    const producer = producers.find((entry) => entry.binding === binding);
    if (producer === undefined) {
      problems.push(`no queue producer is bound as ${binding}`);
      continue;
    }
    if (producer.queue !== expected[binding]) {
      problems.push(
        `${binding} sends to "${producer.queue}" but ${setting[binding]} is "${expected[binding]}": set ${setting[binding]} = "${producer.queue}" in [vars]`,
      );
    }
    if (!consumers.some((consumer) => consumer.queue === producer.queue)) {
      problems.push(
        `no consumer reads "${producer.queue}" (${binding}): its messages would never be delivered`,
      );
    }
  }
  const events = producers.find((entry) => entry.binding === 'EVENT_QUEUE')?.queue;
  const deadLetters = producers.find((entry) => entry.binding === 'DEAD_LETTER_QUEUE')?.queue;
  const eventConsumer = consumers.find((consumer) => consumer.queue === events);
  if (eventConsumer !== undefined && eventConsumer.dead_letter_queue !== deadLetters) {
    problems.push(
      `the consumer of "${events}" gives up into "${eventConsumer.dead_letter_queue ?? '(none: messages are deleted)'}", not the DEAD_LETTER_QUEUE "${deadLetters}"`,
    );
  }
  return problems;
}
