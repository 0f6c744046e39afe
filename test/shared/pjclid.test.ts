import { describe, expect, it } from 'vitest';
import { isSignedClickId, redactClickId, splitSignedClickId } from '#shared/pjclid.ts';

const documented = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

describe('signed click id', () => {
  it('accepts the documented examples, in any case', () => {
    expect(isSignedClickId(documented)).toBe(true);
    expect(isSignedClickId('feeb31ed-22b0-43d2-88e5-8baaba2b26ad_e4c03e8bf0df72e5')).toBe(true);
    expect(isSignedClickId(documented.toUpperCase())).toBe(true);
  });

  it.each([
    ['no signature', '239cd31f-9d43-4cb4-b8dc-2057fe18c289'],
    ['short signature', '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d12'],
    ['long signature', `${documented}0`],
    ['not version 4', '239cd31f-9d43-3cb4-b8dc-2057fe18c289_1b05fa7f1c34d125'],
    ['wrong variant', '239cd31f-9d43-4cb4-c8dc-2057fe18c289_1b05fa7f1c34d125'],
    ['non-hex signature', '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d12z'],
    ['dash separator', '239cd31f-9d43-4cb4-b8dc-2057fe18c289-1b05fa7f1c34d125'],
    ['surrounding space', ` ${documented}`],
    ['trailing newline', `${documented}\n`],
    ['empty', ''],
  ])('rejects %s', (_, value) => {
    expect(isSignedClickId(value)).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [null, undefined, 42, {}, [documented]]) {
      expect(isSignedClickId(value)).toBe(false);
    }
  });

  it('splits without changing case', () => {
    const mixed = '239CD31F-9d43-4cb4-b8dc-2057fe18c289_1B05fa7f1c34d125';
    expect(splitSignedClickId(mixed)).toEqual({
      clickId: '239CD31F-9d43-4cb4-b8dc-2057fe18c289',
      signature: '1B05fa7f1c34d125',
    });
  });

  it('redacts for logs', () => {
    expect(redactClickId(documented)).toBe('239cd31f…');
    expect(redactClickId(documented)).not.toContain('1b05fa7f1c34d125');
  });
});
