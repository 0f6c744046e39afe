import { describe, expect, it } from 'vitest';
import { printable, printableJson } from '#shared/terminal-text.ts';

// What the dead-letter tool prints of ids and reasons that came from outside.

describe('printable', () => {
  it('escapes terminal control sequences, C1 controls and bidi overrides', () => {
    expect(printable('order-1\u001b[2J\u001b[H')).toBe('order-1\\u{1b}[2J\\u{1b}[H');
    expect(printable('a\u009b31mb')).toBe('a\\u{9b}31mb');
    expect(printable('paid\u202e0001')).toBe('paid\\u{202e}0001');
    expect(printable('line\nbreak\r\u0007')).toBe('line\\u{a}break\\u{d}\\u{7}');
    expect(printable('back\\slash')).toBe('back\\\\slash');
    expect(printable('surr-\ud800')).toBe('surr-\\u{d800}');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    for (const text of ['order-1002', 'Beställning 42 – åäö', 'ok 😀', 'tab-free id']) {
      expect(printable(text)).toBe(text);
    }
  });
});

describe('printableJson', () => {
  it('stays valid JSON that parses back to the same value', () => {
    const value = { id: 'x\u009b\u202e\u001by', n: 1 };
    const text = printableJson(value);
    for (const char of ['\u001b', '\u009b', '\u202e']) expect(text).not.toContain(char);
    expect(JSON.parse(text)).toEqual(value);
  });
});
