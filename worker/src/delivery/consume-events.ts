import { PrisjaktApiError, type PrisjaktClient } from '#shared/client/index.ts';
import { LIMITS } from '#shared/limits.ts';
import type { CollectorConfig } from '../config/settings.ts';
import { newDeadLetterId } from '../dead-letters/ids.ts';
import { toUtcDateTime } from '../intake/event-time.ts';
import { clickIdForLog, errorFields, type LogFields, type Logger } from '../log.ts';
import { type DeadLetterReason, type EventMessage, isEventMessage } from '../queue/messages.ts';
import { classifyFailure } from './classify.ts';
import { backoffDelaySeconds, rateLimitDelaySeconds } from './retry-policy.ts';

/** What delivery needs besides the batch; the clock and randomness are injectable for tests. */
export interface DeliveryContext {
  config: CollectorConfig;
  client: PrisjaktClient;
  log: Logger;
  now?: () => number;
  random?: () => number;
}

/**
 * Why the rest of a batch is held back without being sent: once the API has answered 429, 401
 * or has failed outright, sending the remaining events would only burn quota on the same answer.
 */
type Halt =
  | { kind: 'rate_limited'; retryAt: number | undefined; error: unknown }
  | { kind: 'unavailable'; error: unknown }
  | { kind: 'unauthorized'; error: unknown };

/** A retry must land this long before the queue's retention ends, or it is dead-lettered. */
const RETENTION_SAFETY_SECONDS = 300;

function messageFields(message: Message<EventMessage>): LogFields {
  const body = message.body;
  return {
    pixel_id: body.pixel_id,
    external_event_id: body.event.external_event_id,
    click_id: clickIdForLog(body.event.signed_click_id),
    source: body.source,
    intake_request_id: body.request_id,
    attempts: message.attempts,
  };
}

function reasonFrom(
  error: unknown,
  kind: DeadLetterReason['kind'],
  attempts: number,
): DeadLetterReason {
  if (error instanceof PrisjaktApiError) {
    const reason: DeadLetterReason = { kind, status: error.status, title: error.title, attempts };
    if (error.detail !== undefined) reason.detail = error.detail;
    if (error.fieldErrors !== undefined) reason.field_errors = error.fieldErrors;
    if (error.requestId !== undefined) reason.upstream_request_id = error.requestId;
    return reason;
  }
  const title = error instanceof Error ? error.message : 'delivery failed';
  return { kind, status: 0, title, attempts };
}

/**
 * Delivers one batch from the event queue, acking or retrying each message on its own:
 * 201 and 409 are done; 429 waits for the reset; 5xx, timeouts and network errors back off
 * exponentially; 401 is logged as a configuration error and retried slowly; other 4xx go to the
 * dead-letter queue with their reason. No message is dropped: one the queue would expire before
 * its next retry is dead-lettered instead.
 *
 * Repeats of one event within the batch (same pixel and `external_event_id`) are acked without a
 * request, so ten copies of one order cost one call. In `batch` mode the events of each pixel go
 * in requests of up to 100; a batch the API refuses is resent one by one to isolate the culprit.
 */
export async function consumeEvents(
  batch: MessageBatch<unknown>,
  context: DeliveryContext,
): Promise<void> {
  await new BatchDelivery(context).run(batch.messages);
}

class BatchDelivery {
  readonly #config: CollectorConfig;
  readonly #client: PrisjaktClient;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #random: () => number;
  #halt: Halt | undefined;

  constructor(context: DeliveryContext) {
    this.#config = context.config;
    this.#client = context.client;
    this.#log = context.log;
    this.#now = context.now ?? Date.now;
    this.#random = context.random ?? Math.random;
  }

  async run(messages: readonly Message<unknown>[]): Promise<void> {
    const primaries: Message<EventMessage>[] = [];
    const firstByEvent = new Set<string>();
    for (const message of messages) {
      if (!isEventMessage(message.body)) {
        await this.#deadLetter(message, {
          kind: 'unreadable',
          status: 0,
          title: 'The queued message is not an event this collector can deliver',
          attempts: message.attempts,
        });
        continue;
      }
      const event = message as Message<EventMessage>;
      const key = `${event.body.pixel_id.toLowerCase()}\n${event.body.event.external_event_id}`;
      if (firstByEvent.has(key)) {
        event.ack();
        this.#log.info('delivery.duplicate_in_batch', messageFields(event));
        continue;
      }
      firstByEvent.add(key);
      primaries.push(event);
    }

    if (this.#config.deliveryMode === 'batch') {
      for (const [pixelId, group] of groupByPixel(primaries)) {
        for (let start = 0; start < group.length; start += LIMITS.batchMax) {
          await this.#sendChunk(pixelId, group.slice(start, start + LIMITS.batchMax));
        }
      }
    } else {
      for (const message of primaries) await this.#sendOne(message);
    }
  }

  async #sendOne(message: Message<EventMessage>): Promise<void> {
    if (this.#halt !== undefined) return this.#holdBack(message);
    const { pixel_id: pixelId, event } = message.body;
    try {
      const stored = await this.#client.createEvent(pixelId, event);
      message.ack();
      this.#log.info('delivery.delivered', {
        ...messageFields(message),
        status: 201,
        event_id: stored.id,
      });
    } catch (error) {
      await this.#handleFailure(message, error);
    }
  }

  async #sendChunk(pixelId: string, messages: Message<EventMessage>[]): Promise<void> {
    if (this.#halt !== undefined) {
      for (const message of messages) await this.#holdBack(message);
      return;
    }
    try {
      await this.#client.createEvents(
        pixelId,
        messages.map((message) => message.body.event),
      );
      for (const message of messages) {
        message.ack();
        this.#log.info('delivery.delivered', {
          ...messageFields(message),
          status: 200,
          mode: 'batch',
        });
      }
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure === 'rejected' || failure === 'duplicate') {
        // One bad event fails the whole batch; sent one by one, only it is refused.
        this.#log.warn('delivery.batch_refused', {
          pixel_id: pixelId,
          events: messages.length,
          ...errorFields(error),
        });
        for (const message of messages) await this.#sendOne(message);
        return;
      }
      this.#noteHalt(failure, error);
      for (const message of messages) await this.#holdBack(message);
    }
  }

  async #handleFailure(message: Message<EventMessage>, error: unknown): Promise<void> {
    const failure = classifyFailure(error);
    if (failure === 'duplicate') {
      message.ack();
      this.#log.info('delivery.duplicate', { ...messageFields(message), status: 409 });
      return;
    }
    if (failure === 'rejected') {
      await this.#deadLetter(message, reasonFrom(error, 'rejected', message.attempts));
      return;
    }
    this.#noteHalt(failure, error);
    await this.#holdBack(message);
  }

  #noteHalt(failure: 'rate_limited' | 'unavailable' | 'unauthorized', error: unknown): void {
    if (this.#halt !== undefined) return;
    if (failure === 'rate_limited') {
      const retryAt = error instanceof PrisjaktApiError ? error.retryAt : undefined;
      this.#halt = { kind: 'rate_limited', retryAt, error };
      this.#log.warn('delivery.rate_limited', {
        retry_at: retryAt === undefined ? undefined : toUtcDateTime(retryAt),
        ...errorFields(error),
      });
    } else if (failure === 'unauthorized') {
      this.#halt = { kind: 'unauthorized', error };
      this.#log.error('delivery.unauthorized', {
        action:
          'Prisjakt refused the credentials: check PRISJAKT_CLIENT_ID and PRISJAKT_CLIENT_SECRET',
        ...errorFields(error),
      });
    } else {
      this.#halt = { kind: 'unavailable', error };
      this.#log.warn('delivery.upstream_unavailable', errorFields(error));
    }
  }

  /** Puts a message back on the queue with the delay the current halt calls for. */
  async #holdBack(message: Message<EventMessage>): Promise<void> {
    const halt = this.#halt;
    if (halt === undefined) throw new Error('holdBack without a halt');
    const retry = this.#config.retry;
    let delaySeconds: number;
    if (halt.kind === 'rate_limited' && halt.retryAt !== undefined) {
      delaySeconds = rateLimitDelaySeconds(halt.retryAt, this.#now(), this.#random);
    } else if (halt.kind === 'unauthorized') {
      delaySeconds = retry.authDelaySeconds;
    } else {
      delaySeconds = backoffDelaySeconds(message.attempts, retry, this.#random);
    }

    const ageSeconds = Math.max(0, (this.#now() - message.timestamp.getTime()) / 1000);
    if (ageSeconds + delaySeconds + RETENTION_SAFETY_SECONDS > retry.retentionSeconds) {
      await this.#deadLetter(message, reasonFrom(halt.error, 'expired', message.attempts));
      return;
    }
    message.retry({ delaySeconds });
    this.#log.info('delivery.retry', {
      ...messageFields(message),
      reason: halt.kind,
      delay_seconds: delaySeconds,
    });
  }

  /**
   * Hands a message to the dead-letter queue with its reason, and acks it only once the
   * dead-letter queue has it; if that fails, the message is retried instead.
   */
  async #deadLetter(message: Message<unknown>, reason: DeadLetterReason): Promise<void> {
    const failedAt = this.#now();
    const fields = isEventMessage(message.body)
      ? messageFields(message as Message<EventMessage>)
      : { attempts: message.attempts };
    try {
      await this.#config.bindings.deadLetterQueue.send(
        {
          v: 1,
          kind: 'dead-letter',
          id: newDeadLetterId(failedAt),
          failed_at: toUtcDateTime(failedAt),
          reason,
          message: message.body,
        },
        { contentType: 'json' },
      );
      message.ack();
      this.#log.warn('delivery.dead_lettered', {
        ...fields,
        reason: reason.kind,
        status: reason.status,
        title: reason.title,
      });
    } catch (error) {
      const delaySeconds = backoffDelaySeconds(message.attempts, this.#config.retry, this.#random);
      message.retry({ delaySeconds });
      this.#log.error('delivery.dead_letter_failed', {
        ...fields,
        delay_seconds: delaySeconds,
        ...errorFields(error),
      });
    }
  }
}

function groupByPixel(messages: Message<EventMessage>[]): Map<string, Message<EventMessage>[]> {
  const groups = new Map<string, Message<EventMessage>[]>();
  for (const message of messages) {
    const pixelId = message.body.pixel_id;
    const group = groups.get(pixelId);
    if (group === undefined) groups.set(pixelId, [message]);
    else group.push(message);
  }
  return groups;
}
