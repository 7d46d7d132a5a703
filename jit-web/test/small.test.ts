import { describe, expect, it } from 'vitest';
import { toApiError } from '../src/api';
import { classifyDiff } from '../src/diffLines';
import { isTypingTarget, KeySequence } from '../src/keys';
import { effectiveTheme, nextThemePref } from '../src/theme';

describe('api errors', () => {
  it('uses the error envelope', () => {
    const e = toApiError(404, '{"error":{"code":"ISSUE_NOT_FOUND","message":"Issue not found: zz","details":{"id":"zz"}}}');
    expect([e.status, e.code, e.message, e.details]).toEqual([404, 'ISSUE_NOT_FOUND', 'Issue not found: zz', { id: 'zz' }]);
  });

  it('falls back to the first line of a non-JSON body, or the status', () => {
    expect(toApiError(502, '<html>Bad Gateway</html>\nmore').message).toBe('<html>Bad Gateway</html>');
    expect(toApiError(401, '').message).toBe('request failed with HTTP 401');
    expect(toApiError(401, '').code).toBe('HTTP_401');
  });
});

describe('keyboard', () => {
  it('recognises sequences and single keys', () => {
    const k = new KeySequence();
    expect(k.feed('g')).toBeNull();
    expect(k.feed('i')).toBe('go-issues');
    expect(k.feed('g')).toBeNull();
    expect(k.feed('b')).toBe('go-board');
    expect(k.feed('g')).toBeNull();
    expect(k.feed('x')).toBeNull();
    expect(k.feed('j')).toBe('next');
    expect(k.feed('/')).toBe('search');
    expect(k.feed('q')).toBeNull();
  });

  it('does not fire while typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('theme', () => {
  it('follows the system unless picked, and cycles system → light → dark', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(['system', 'light', 'dark'].map((p) => nextThemePref(p as never))).toEqual(['light', 'dark', 'system']);
  });
});

describe('diff lines', () => {
  it('classifies unified diff lines', () => {
    expect(classifyDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same').map((l) => l.kind))
      .toEqual(['meta', 'meta', 'hunk', 'del', 'add', 'ctx']);
  });
});
