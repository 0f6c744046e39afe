import { PrisjaktApiError } from '#shared/client/index.ts';
import { LIMITS } from '#shared/limits.ts';
import type { EventMessage } from '../queue/messages.ts';
import { classifyFailure } from './classify.ts';
import { type BatchDelivery, messageFields, type Outcome, reasonFrom } from './consume-events.ts';
import { indexedRefusals } from './refusals.ts';

type Outcomes = Map<Message<EventMessage>, Outcome>;

/**
 * `DELIVERY_MODE=batch`: the events of each pixel in requests of up to 100. A batch upserts, so
 * a beacon whose id the API already holds for a server report (or for a beacon with other
 * content) is not sent: it would overwrite it.
 */
export async function sendInBatches(
  delivery: BatchDelivery,
  messages: Message<EventMessage>[],
  outcomes: Outcomes,
): Promise<void> {
  const sendable: Message<EventMessage>[] = [];
  for (const message of messages) {
    if (delivery.halted) outcomes.set(message, await delivery.holdBack(message));
    else if (await delivery.beaconOverwrites(message)) {
      message.ack();
      delivery.log.info('delivery.duplicate', { ...messageFields(message), mode: 'batch' });
      outcomes.set(message, 'delivered');
    } else if (!delivery.takeQuota(message)) {
      outcomes.set(message, await delivery.waitForQuota(message));
    } else sendable.push(message);
  }
  for (const [pixelId, group] of groupByPixel(sendable)) {
    for (let start = 0; start < group.length; start += LIMITS.batchMax) {
      await sendChunk(delivery, pixelId, group.slice(start, start + LIMITS.batchMax), outcomes);
    }
  }
}

/**
 * One request of up to 100 events. The API refuses a whole batch for one bad member; when its
 * field errors name the members (`[3].…`), only those are refused and the rest go again as one
 * batch, so a forged beacon in a batch costs one more request, not a hundred. Without indices,
 * the events go one by one to find the culprit.
 */
async function sendChunk(
  delivery: BatchDelivery,
  pixelId: string,
  messages: Message<EventMessage>[],
  outcomes: Outcomes,
): Promise<void> {
  if (delivery.halted) {
    for (const message of messages) outcomes.set(message, await delivery.holdBack(message));
    return;
  }
  try {
    await delivery.client.createEvents(
      pixelId,
      messages.map((message) => message.body.event),
    );
    delivery.noteQuota();
    for (const message of messages) {
      await delivery.delivered(message, { status: 200, mode: 'batch' });
      outcomes.set(message, 'delivered');
    }
  } catch (error) {
    delivery.noteQuota();
    const failure = classifyFailure(error);
    if (failure !== 'rejected' && failure !== 'duplicate') {
      delivery.noteHalt(failure, error);
      for (const message of messages) outcomes.set(message, await delivery.holdBack(message));
      return;
    }
    const members =
      error instanceof PrisjaktApiError && error.status === 400
        ? indexedRefusals(error.fieldErrors, messages.length)
        : undefined;
    if (members === undefined) {
      delivery.log.warn('delivery.batch_refused', {
        pixel_id: pixelId,
        events: messages.length,
        status: error instanceof PrisjaktApiError ? error.status : 0,
      });
      for (const message of messages) outcomes.set(message, await delivery.sendOne(message));
      return;
    }
    delivery.log.warn('delivery.batch_members_refused', {
      pixel_id: pixelId,
      events: messages.length,
      refused: members.size,
    });
    const rest: Message<EventMessage>[] = [];
    for (const [index, message] of messages.entries()) {
      const own = members.get(index);
      if (own === undefined) {
        rest.push(message);
        continue;
      }
      const reason = reasonFrom(error, 'rejected', message.attempts);
      reason.field_errors = own;
      outcomes.set(message, await delivery.refused(message, reason, own));
    }
    if (rest.length > 0) await sendChunk(delivery, pixelId, rest, outcomes);
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
