import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, nestingDepth, parseClientMessage, type ParseResult } from './protocol';

const limits = { maxTopicsPerMessage: 3, maxTopicLength: 8 };
const parse = (value: unknown): ParseResult => parseClientMessage(JSON.stringify(value), limits);

describe('parseClientMessage', () => {
  it('reads the four message types y-webrtc sends', () => {
    expect(parse({ type: 'subscribe', topics: ['a', 'b'] })).toEqual({
      ok: true,
      message: { type: 'subscribe', topics: ['a', 'b'] },
    });
    expect(parse({ type: 'unsubscribe', topics: ['a'] })).toEqual({
      ok: true,
      message: { type: 'unsubscribe', topics: ['a'] },
    });
    expect(parse({ type: 'publish', topic: 'a', data: 'x' })).toEqual({
      ok: true,
      message: { type: 'publish', topic: 'a', message: { type: 'publish', topic: 'a', data: 'x' } },
    });
    expect(parse({ type: 'ping' })).toEqual({ ok: true, message: { type: 'ping' } });
  });

  it('accepts an empty topic list and folds repeated topics', () => {
    expect(parse({ type: 'subscribe', topics: [] })).toEqual({ ok: true, message: { type: 'subscribe', topics: [] } });
    expect(parse({ type: 'subscribe', topics: ['a', 'a', 'b'] })).toEqual({
      ok: true,
      message: { type: 'subscribe', topics: ['a', 'b'] },
    });
  });

  it('reports a well-formed message of another type as ignored', () => {
    expect(parse({ type: 'future' })).toEqual({ ok: true, message: { type: 'ignored' } });
  });

  it.each([
    ['{', 'not JSON'],
    ['[]', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['"x"', 'not a JSON object'],
    ['{"type":1}', 'type: not a string'],
    ['{"type":"subscribe"}', 'topics: not an array'],
    ['{"type":"subscribe","topics":{"0":"a"}}', 'topics: not an array'],
    ['{"type":"subscribe","topics":["a",2]}', 'topics.1: not a string'],
    ['{"type":"unsubscribe","topics":[""]}', 'topics.0: empty'],
    ['{"type":"subscribe","topics":["123456789"]}', 'topics.0: longer than 8 characters'],
    ['{"type":"subscribe","topics":["a","b","c","d"]}', 'topics: more than 3'],
    ['{"type":"publish"}', 'topic: not a string'],
    ['{"type":"publish","topic":""}', 'topic: empty'],
    [
      `{"type":"publish","topic":"a","data":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}`,
      'nested',
    ],
  ])('refuses %s', (text, reason) => {
    const result = parseClientMessage(text, limits);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_NESTING_DEPTH - 1; // plus the message object itself
    const text = `{"type":"publish","topic":"a","data":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(parseClientMessage(text, limits).ok).toBe(true);
  });
});

describe('nestingDepth', () => {
  it('counts brackets and braces, but not inside strings', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(nestingDepth('{"a":"\\"[[["}')).toBe(1);
    expect(nestingDepth('[[[[')).toBe(4);
  });
});
