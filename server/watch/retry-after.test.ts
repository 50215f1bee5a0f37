import { describe, expect, it } from 'vitest';
import { DaemonscopeError } from '../errors';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfterSeconds, retryAfterMs } from './retry-after';
import { WatchRequestError } from './watch-transport';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseRetryAfterSeconds', () => {
  it.each([
    ['delay-seconds', '3', 3],
    ['zero', '0', 0],
    ['padded', ' 7 ', 7],
    ['an HTTP-date 10 s ahead', 'Wed, 25 Nov 2026 12:00:10 GMT', 10],
    ['an HTTP-date in the past waits nothing', 'Wed, 25 Nov 2026 11:00:00 GMT', 0],
    ['capped', '86400', MAX_RETRY_AFTER_SECONDS],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['negative', '-1', undefined],
    ['fractional', '1.5', undefined],
    ['garbage', 'soon', undefined],
  ])('%s', (_name, header, expected) => {
    expect(parseRetryAfterSeconds(header, NOW)).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['a refused watch with Retry-After', new WatchRequestError('Too many requests', 429, 2), 2_000],
    ['a refused watch without', new WatchRequestError('Internal error', 500, undefined), undefined],
    ['a failed list with details.retryAfterSeconds', new DaemonscopeError('too_many_requests', 'slow down', { details: { retryAfterSeconds: 4 } }), 4_000],
    ['a failed list without details', new DaemonscopeError('unavailable', 'down'), undefined],
    ['a network error', new Error('ECONNREFUSED'), undefined],
    ['a capped hint', new WatchRequestError('x', 429, 10_000), MAX_RETRY_AFTER_SECONDS * 1000],
    ['not an error', 'nope', undefined],
  ])('%s', (_name, error, expected) => {
    expect(retryAfterMs(error)).toBe(expected);
  });
});
