import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './duration';

describe('parseDurationMs', () => {
  it.each([
    ['milliseconds', '200ms', 200],
    ['seconds', '30s', 30_000],
    ['fractional seconds', '1.5s', 1_500],
    ['minutes', '2m', 120_000],
    ['hours', '1h', 3_600_000],
    ['zero', '0s', 0],
    ['padded', ' 10s ', 10_000],
    ['a bare number is ambiguous', '200', undefined],
    ['negative', '-5s', undefined],
    ['unknown unit', '5d', undefined],
    ['empty', '', undefined],
    ['words', 'soon', undefined],
    ['two amounts', '1m30s', undefined],
  ])('%s: %j', (_name, text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });
});
