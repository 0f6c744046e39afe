import { PrisjaktApiError, type PrisjaktClient } from '#shared/client/index.ts';
import type { FieldErrors } from '#shared/problem.ts';
import type { CollectorConfig } from '../config/settings.ts';
import { newDeadLetterId } from '../dead-letters/ids.ts';
import { RefusedClicks } from '../dead-letters/refused-clicks.ts';
import { contentDigest, DedupeGuard } from '../intake/dedupe.ts';
import { toUtcDateTime } from '../intake/event-time.ts';
import { clickIdForLog, errorFields, type LogFields, type Logger } from '../log.ts';
import { type DeadLetterReason, type EventMessage, isEventMessage } from '../queue/messages.ts';
import { classifyFailure } from './classify.ts';
import { byLane, laneOf, noteRateLimit, quotaResetAt, unverifiedAllowance } from './lanes.ts';
import { isForgedClickRefusal } from './refusals.ts';
import { backoffDelaySeconds, rateLimitDelaySeconds } from './retry-policy.ts';
import { sendInBatches } from './send-batches.ts';

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
 * `quota`: the unverified beacons' share of the API's quota is spent until the window resets.
 */
type Halt =
  | { kind: 'rate_limited'; retryAt: number | undefined; error: unknown }
  | { kind: 'unavailable'; error: unknown }
  | { kind: 'unauthorized'; error: unknown };

/** What became of one message; the other copies of its id follow it. */
export type Outcome = 'delivered' | 'refused' | { retriedAfter: number };

/** A retry must land this long before the queue's retention ends, or it is dead-lettered. */
const RETENTION_SAFETY_SECONDS = 300;

export function messageFields(message: Message<EventMessage>): LogFields {
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

export function reasonFrom(
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

function eventKey(message: Message<EventMessage>): string {
  return `${message.body.pixel_id.toLowerCase()}\n${message.body.event.external_event_id}`;
}

/**
 * Delivers one batch from the event queue, acking or retrying each message on its own:
 * 201 and 409 are done; 429 waits for the reset; 5xx, timeouts and network errors back off
 * exponentially; 401 is logged as a configuration error and retried slowly; other 4xx go to the
 * dead-letter queue with their reason, except forged click signatures, which are counted. No
 * message is dropped: one the queue would expire before its next retry is dead-lettered instead.
 *
 * Server reports go first, then beacons whose click was seen at `/click`, then the rest, which
 * may spend only their share of the API's quota (UNVERIFIED_QUOTA_PERCENT).
 *
 * Copies of one event within the batch (same pixel and `external_event_id`) wait for the first
 * one's outcome, a server report's copy first: once it is delivered the rest are acked without a
 * request, so ten copies of one order cost one call; if it is refused, the next copy is tried.
 */
export async function consumeEvents(
  batch: { readonly messages: readonly Message<unknown>[] },
  context: DeliveryContext,
): Promise<void> {
  await new BatchDelivery(context).run(batch.messages);
}

export class BatchDelivery {
  readonly config: CollectorConfig;
  readonly client: PrisjaktClient;
  readonly log: Logger;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #dedupe: DedupeGuard;
  #halt: Halt | undefined;
  #unverifiedLeft = Number.POSITIVE_INFINITY;
  readonly #forgedByPixel: Record<string, number> = {};
  readonly #forgedSample: string[] = [];

  constructor(context: DeliveryContext) {
    this.config = context.config;
    this.client = context.client;
    this.log = context.log;
    this.#now = context.now ?? Date.now;
    this.#random = context.random ?? Math.random;
    this.#dedupe = new DedupeGuard(context.config.bindings.dedupe);
  }

  async run(messages: readonly Message<unknown>[]): Promise<void> {
    const copies = new Map<string, Message<EventMessage>[]>();
    for (const message of messages) {
      if (!isEventMessage(message.body)) {
        await this.deadLetter(message, {
          kind: 'unreadable',
          status: 0,
          title: 'The queued message is not an event this collector can deliver',
          attempts: message.attempts,
        });
        continue;
      }
      const event = message as Message<EventMessage>;
      const key = eventKey(event);
      const list = copies.get(key);
      if (list === undefined) copies.set(key, [event]);
      else list.push(event);
    }
    // The server's report of an order is its authoritative copy: it goes first; then a copy
    // whose click was seen, so a forged copy held for the quota cannot hold a real one back.
    for (const [key, list] of copies) copies.set(key, byLane(list));
    this.#unverifiedLeft = unverifiedAllowance(this.config.unverifiedQuotaPercent, this.#now());

    while (copies.size > 0) {
      const firsts = byLane([...copies.values()].map((list) => list[0] as Message<EventMessage>));
      const outcomes = await this.#deliverRound(firsts);
      for (const first of firsts) {
        const key = eventKey(first);
        const rest = (copies.get(key) ?? []).slice(1);
        const outcome = outcomes.get(first) ?? 'refused';
        if (outcome === 'refused' && rest.length > 0) {
          copies.set(key, rest);
          continue;
        }
        copies.delete(key);
        for (const copy of rest) {
          if (outcome === 'delivered') {
            copy.ack();
            this.log.info('delivery.duplicate_in_batch', messageFields(copy));
          } else if (outcome !== 'refused') {
            copy.retry({ delaySeconds: outcome.retriedAfter });
          }
        }
      }
    }
    await this.#recordForged();
  }

  async #deliverRound(
    firsts: Message<EventMessage>[],
  ): Promise<Map<Message<EventMessage>, Outcome>> {
    const outcomes = new Map<Message<EventMessage>, Outcome>();
    if (this.config.deliveryMode === 'batch') {
      await sendInBatches(this, firsts, outcomes);
    } else {
      for (const message of firsts) outcomes.set(message, await this.sendOne(message));
    }
    return outcomes;
  }

  /**
   * Whether an unverified beacon may be sent now; one that may not is retried when the quota's
   * window resets. Counts it as spent when it may.
   */
  takeQuota(message: Message<EventMessage>): boolean {
    if (laneOf(message.body) !== 'unverified') return true;
    if (this.#unverifiedLeft <= 0) return false;
    this.#unverifiedLeft -= 1;
    return true;
  }

  /**
   * Learns the quota from the API's last answer. What the API reports left is the truth (it
   * counts every send, this batch's and any other's), so each answer replaces the count: a share
   * that a 429 emptied comes back with the next answer that reports the quota whole, instead of
   * holding unverified beacons until the end of the hour that answer speaks of.
   */
  noteQuota(): void {
    noteRateLimit(this.client.rateLimit);
    this.#unverifiedLeft = unverifiedAllowance(this.config.unverifiedQuotaPercent, this.#now());
  }

  get halted(): boolean {
    return this.#halt !== undefined;
  }

  async sendOne(message: Message<EventMessage>): Promise<Outcome> {
    if (this.#halt !== undefined) return this.holdBack(message);
    if (!this.takeQuota(message)) return this.waitForQuota(message);
    const { pixel_id: pixelId, event } = message.body;
    try {
      const stored = await this.client.createEvent(pixelId, event);
      this.noteQuota();
      await this.delivered(message, { status: 201, event_id: stored.id });
      return 'delivered';
    } catch (error) {
      this.noteQuota();
      return this.handleFailure(message, error);
    }
  }

  /** Acks a delivered message and marks its id as held by the API for good. */
  async delivered(message: Message<EventMessage>, fields: LogFields): Promise<void> {
    message.ack();
    this.log.info('delivery.delivered', { ...messageFields(message), ...fields });
    await this.#mark(message, 'delivered');
  }

  async handleFailure(message: Message<EventMessage>, error: unknown): Promise<Outcome> {
    const failure = classifyFailure(error);
    if (failure === 'duplicate') {
      if (message.body.source === 'server') return this.#resolveServerConflict(message, error);
      message.ack();
      this.log.info('delivery.duplicate', { ...messageFields(message), status: 409 });
      return 'delivered';
    }
    if (failure === 'rejected') {
      const fieldErrors = error instanceof PrisjaktApiError ? error.fieldErrors : undefined;
      return this.refused(message, reasonFrom(error, 'rejected', message.attempts), fieldErrors);
    }
    this.noteHalt(failure, error);
    return this.holdBack(message);
  }

  /**
   * An event the API refused for good. A beacon whose click's signature does not verify is
   * counted, not kept (a flood of made-up clicks must not fill the store); anything else is
   * dead-lettered, and its pending mark cleared, so that a corrected report is not blocked.
   */
  async refused(
    message: Message<EventMessage>,
    reason: DeadLetterReason,
    fieldErrors: FieldErrors | undefined,
  ): Promise<Outcome> {
    if (message.body.source === 'beacon' && isForgedClickRefusal(fieldErrors)) {
      message.ack();
      const pixelId = message.body.pixel_id;
      this.#forgedByPixel[pixelId] = (this.#forgedByPixel[pixelId] ?? 0) + 1;
      if (this.#forgedSample.length < 5) {
        this.#forgedSample.push(message.body.event.external_event_id.slice(0, 100));
      }
      this.log.warn('delivery.click_refused', { ...messageFields(message), status: 400 });
      return 'refused';
    }
    await this.deadLetter(message, reason);
    await this.#clearPendingMark(message);
    return 'refused';
  }

  /**
   * A server report met a 409: the API holds an event with this id. If a beacon holds it with
   * other data or another click, the server's report is authoritative: it replaces the beacon's
   * through the batch endpoint's upsert, where the client can (a `shop_user` with its secret);
   * where it cannot, the conflict is logged and kept in the dead-letter store. If the server
   * itself holds it, this is a resend: done.
   */
  async #resolveServerConflict(message: Message<EventMessage>, error: unknown): Promise<Outcome> {
    const mark = await this.#readMark(message);
    const digest = await contentDigest(message.body.event);
    // The server's own pending mark (intake writes it) proves nothing; a delivered one does.
    const serverHolds = mark?.source === 'server' && mark.state === 'delivered';
    const sameBeacon = mark?.source === 'beacon' && mark.digest === digest;
    if (serverHolds || sameBeacon || mark?.source === 'unknown') {
      message.ack();
      this.log.info('delivery.duplicate', { ...messageFields(message), status: 409 });
      return 'delivered';
    }
    const beaconHolds = message.body.replaces === 'beacon' || mark?.source === 'beacon';
    if (this.config.upstream.clientSecret !== undefined) {
      try {
        await this.client.createEvents(message.body.pixel_id, [message.body.event]);
        this.noteQuota();
        await this.delivered(message, { status: 200, replaced: 'beacon' });
        this.log.warn('delivery.superseded', messageFields(message));
        return 'delivered';
      } catch (upsertError) {
        this.noteQuota();
        const failure = classifyFailure(upsertError);
        if (failure === 'rate_limited' || failure === 'unavailable') {
          this.noteHalt(failure, upsertError);
          return this.holdBack(message);
        }
        if (!beaconHolds) {
          message.ack();
          this.log.info('delivery.duplicate', { ...messageFields(message), status: 409 });
          return 'delivered';
        }
        return this.#conflict(message, upsertError);
      }
    }
    if (!beaconHolds) {
      message.ack();
      this.log.info('delivery.duplicate', { ...messageFields(message), status: 409 });
      return 'delivered';
    }
    return this.#conflict(message, error);
  }

  async #conflict(message: Message<EventMessage>, error: unknown): Promise<Outcome> {
    this.log.error('delivery.conflict', {
      ...messageFields(message),
      action:
        'Prisjakt holds a beacon’s other data for this order; the batch upsert that replaces it needs a shop_user client and PRISJAKT_CLIENT_SECRET. Replay this dead letter once it is set.',
    });
    const reason = reasonFrom(error, 'conflict', message.attempts);
    reason.title =
      'A beacon with other data or another click holds this order id at Prisjakt; the server report could not replace it';
    await this.deadLetter(message, reason);
    return 'refused';
  }

  noteHalt(failure: 'rate_limited' | 'unavailable' | 'unauthorized', error: unknown): void {
    if (this.#halt !== undefined) return;
    if (failure === 'rate_limited') {
      const retryAt = error instanceof PrisjaktApiError ? error.retryAt : undefined;
      this.#halt = { kind: 'rate_limited', retryAt, error };
      this.log.warn('delivery.rate_limited', {
        retry_at: retryAt === undefined ? undefined : toUtcDateTime(retryAt),
        ...errorFields(error),
      });
    } else if (failure === 'unauthorized') {
      this.#halt = { kind: 'unauthorized', error };
      this.log.error('delivery.unauthorized', {
        action:
          'Prisjakt refused the credentials: check PRISJAKT_CLIENT_ID and PRISJAKT_CLIENT_SECRET',
        ...errorFields(error),
      });
    } else {
      this.#halt = { kind: 'unavailable', error };
      this.log.warn('delivery.upstream_unavailable', errorFields(error));
    }
  }

  /** Retries an unverified beacon once the quota's window has reset. */
  async waitForQuota(message: Message<EventMessage>): Promise<Outcome> {
    const resetAt = quotaResetAt() ?? this.#now() + 60_000;
    const delaySeconds = rateLimitDelaySeconds(resetAt, this.#now(), this.#random);
    return this.#retry(message, delaySeconds, 'unverified_quota', undefined);
  }

  /** Puts a message back on the queue with the delay the current halt calls for. */
  async holdBack(message: Message<EventMessage>): Promise<Outcome> {
    const halt = this.#halt;
    if (halt === undefined) throw new Error('holdBack without a halt');
    const retry = this.config.retry;
    let delaySeconds: number;
    if (halt.kind === 'rate_limited' && halt.retryAt !== undefined) {
      delaySeconds = rateLimitDelaySeconds(halt.retryAt, this.#now(), this.#random);
    } else if (halt.kind === 'unauthorized') {
      delaySeconds = retry.authDelaySeconds;
    } else {
      delaySeconds = backoffDelaySeconds(message.attempts, retry, this.#random);
    }
    return this.#retry(message, delaySeconds, halt.kind, halt.error);
  }

  async #retry(
    message: Message<EventMessage>,
    delaySeconds: number,
    reason: string,
    error: unknown,
  ): Promise<Outcome> {
    const ageSeconds = Math.max(0, (this.#now() - message.timestamp.getTime()) / 1000);
    if (ageSeconds + delaySeconds + RETENTION_SAFETY_SECONDS > this.config.retry.retentionSeconds) {
      await this.deadLetter(message, reasonFrom(error, 'expired', message.attempts));
      return 'refused';
    }
    message.retry({ delaySeconds });
    this.log.info('delivery.retry', {
      ...messageFields(message),
      reason,
      delay_seconds: delaySeconds,
    });
    return { retriedAfter: delaySeconds };
  }

  /**
   * Hands a message to the dead-letter queue with its reason, and acks it only once the
   * dead-letter queue has it; if that fails, the message is retried instead.
   */
  async deadLetter(message: Message<unknown>, reason: DeadLetterReason): Promise<void> {
    const failedAt = this.#now();
    const fields = isEventMessage(message.body)
      ? messageFields(message as Message<EventMessage>)
      : { attempts: message.attempts };
    try {
      await this.config.bindings.deadLetterQueue.send(
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
      this.log.warn('delivery.dead_lettered', {
        ...fields,
        reason: reason.kind,
        status: reason.status,
        title: reason.title,
      });
    } catch (error) {
      const delaySeconds = backoffDelaySeconds(message.attempts, this.config.retry, this.#random);
      message.retry({ delaySeconds });
      this.log.error('delivery.dead_letter_failed', {
        ...fields,
        delay_seconds: delaySeconds,
        ...errorFields(error),
      });
    }
  }

  /** The id's mark, or undefined when there is none or KV cannot say. */
  async #readMark(message: Message<EventMessage>) {
    try {
      const { pixel_id: pixelId, event } = message.body;
      return await this.#dedupe.read(await this.#dedupe.key(pixelId, event.external_event_id));
    } catch (error) {
      this.log.warn('dedupe.read_failed', { ...messageFields(message), ...errorFields(error) });
      return undefined;
    }
  }

  /** Whether a beacon must not be sent in a batch: a batch upserts, and would overwrite. */
  async beaconOverwrites(message: Message<EventMessage>): Promise<boolean> {
    if (message.body.source !== 'beacon') return false;
    const mark = await this.#readMark(message);
    if (mark === undefined || (mark.state === 'pending' && mark.source === 'beacon')) return false;
    return mark.digest !== (await contentDigest(message.body.event));
  }

  async #mark(message: Message<EventMessage>, state: 'delivered'): Promise<void> {
    try {
      const { pixel_id: pixelId, event } = message.body;
      const key = await this.#dedupe.key(pixelId, event.external_event_id);
      await this.#dedupe.write(key, {
        source: message.body.source,
        digest: await contentDigest(event),
        state,
      });
    } catch (error) {
      // Delivered all the same; a missing mark only lets a resend through to the API's 409.
      this.log.warn('dedupe.mark_failed', { ...messageFields(message), ...errorFields(error) });
    }
  }

  async #clearPendingMark(message: Message<EventMessage>): Promise<void> {
    try {
      const { pixel_id: pixelId, event } = message.body;
      const key = await this.#dedupe.key(pixelId, event.external_event_id);
      const mark = await this.#dedupe.read(key);
      if (mark?.state === 'pending' && mark.digest === (await contentDigest(event))) {
        await this.#dedupe.clear(key);
      }
    } catch (error) {
      this.log.warn('dedupe.clear_failed', { ...messageFields(message), ...errorFields(error) });
    }
  }

  async #recordForged(): Promise<void> {
    const total = Object.values(this.#forgedByPixel).reduce((sum, count) => sum + count, 0);
    if (total === 0) return;
    try {
      await new RefusedClicks(this.config.bindings.deadLetters).add(
        this.#now(),
        this.#forgedByPixel,
        this.#forgedSample,
      );
      this.log.warn('delivery.refused_clicks_counted', { count: total });
    } catch (error) {
      this.log.error('delivery.refused_clicks_count_failed', {
        count: total,
        ...errorFields(error),
      });
    }
  }
}
