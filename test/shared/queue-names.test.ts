import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { queueNameProblems } from '#tooling/scripts/queue-names.ts';

// The deploy check (`npm run check:deploy`) on queue names, against wrangler's own reading of
// the repository's wrangler.toml and of a copy with its queues renamed.

const producers = (events: string, deadLetters: string) => [
  { binding: 'EVENT_QUEUE', queue: events },
  { binding: 'DEAD_LETTER_QUEUE', queue: deadLetters },
];
const consumers = (events: string, deadLetters: string) => [
  { queue: events, dead_letter_queue: deadLetters },
  { queue: deadLetters },
];

describe('queue names in the deploy check', () => {
  it('finds wrangler.toml consistent, locally and in production', () => {
    for (const env of [undefined, 'production']) {
      expect(queueNameProblems(unstable_readConfig({ config: 'wrangler.toml', env }))).toEqual([]);
    }
  });

  it('names the settings to change when the queues are renamed without them', () => {
    const problems = queueNameProblems({
      vars: {},
      queues: {
        producers: producers('shop-events', 'shop-dead'),
        consumers: consumers('shop-events', 'shop-dead'),
      },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/EVENT_QUEUE_NAME = "shop-events"/);
    expect(problems[1]).toMatch(/DEAD_LETTER_QUEUE_NAME = "shop-dead"/);
  });

  it('accepts renamed queues once the settings name them', () => {
    expect(
      queueNameProblems({
        vars: { EVENT_QUEUE_NAME: 'shop-events', DEAD_LETTER_QUEUE_NAME: 'shop-dead' },
        queues: {
          producers: producers('shop-events', 'shop-dead'),
          consumers: consumers('shop-events', 'shop-dead'),
        },
      }),
    ).toEqual([]);
  });

  it('catches a consumer that gives up into another queue, or none', () => {
    const problems = queueNameProblems({
      vars: {},
      queues: {
        producers: producers('pjcollector-events', 'pjcollector-dead-letters'),
        consumers: [{ queue: 'pjcollector-events' }, { queue: 'pjcollector-dead-letters' }],
      },
    });
    expect(problems).toEqual([expect.stringMatching(/gives up into "\(none/)]);
  });
});
