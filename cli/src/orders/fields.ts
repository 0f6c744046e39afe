import { isSignedClickId } from '#shared/pjclid.ts';
import type { OrderProblem } from './order.ts';

/**
 * The readers of one row's fields: each returns the value or undefined after noting, on
 * `problems`, what is wrong with it and where.
 */
export class FieldReader {
  constructor(
    readonly problems: OrderProblem[],
    readonly line: number,
  ) {}

  fail(message: string): undefined {
    this.problems.push({ line: this.line, message });
    return undefined;
  }

  required(name: string, value: string | undefined): string | undefined {
    const text = value?.trim() ?? '';
    return text === '' ? this.fail(`${name} is empty`) : text;
  }

  /** A decimal such as `1249.00` (no thousands separators: the exports write none). */
  amount(name: string, value: string | undefined): number | undefined {
    const text = this.required(name, value);
    if (text === undefined) return undefined;
    if (!/^\d{1,9}(\.\d+)?$/.test(text))
      return this.fail(`${name} is not an amount: ${show(text)}`);
    return Number(text);
  }

  currency(name: string, value: string | undefined): string | undefined {
    const text = this.required(name, value);
    if (text === undefined) return undefined;
    if (!/^[A-Za-z]{3}$/.test(text))
      return this.fail(`${name} is not a currency code: ${show(text)}`);
    return text.toUpperCase();
  }

  /** A whole number of items; an empty field means unknown. */
  items(name: string, value: string | undefined): number | undefined {
    const text = value?.trim() ?? '';
    if (text === '') return undefined;
    if (!/^\d{1,9}$/.test(text)) return this.fail(`${name} is not a whole number: ${show(text)}`);
    return Number(text);
  }

  /** A signed click id, byte for byte; an empty field means the order has none. */
  clickId(name: string, value: string | undefined): string | undefined {
    const text = value?.trim() ?? '';
    if (text === '') return undefined;
    if (!isSignedClickId(text)) return this.fail(`${name} is not a signed click id: ${show(text)}`);
    return text;
  }

  /** A time the file gives, as UTC ISO 8601. */
  time(name: string, value: string | undefined, parse: (text: string) => number | undefined) {
    const text = this.required(name, value);
    if (text === undefined) return undefined;
    const ms = parse(text);
    if (ms === undefined) return this.fail(`${name} is not a date and time: ${show(text)}`);
    return { createdAt: new Date(ms).toISOString(), createdAtMs: ms };
  }
}

/** A value quoted for a message, cut short: it comes from a file, so it may be anything. */
export function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
