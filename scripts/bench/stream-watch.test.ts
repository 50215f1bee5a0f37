import { describe, expect, it } from 'vitest';
import { isLiveStatus, snapshotSize } from './stream-watch';

describe('isLiveStatus', () => {
  it.each([
    [{ event: 'status', data: '{"state":"Live","resources":{}}', bytes: 1 }, true],
    [{ event: 'status', data: '{"state":"Stale","since":5}', bytes: 1 }, false],
    [{ event: 'delta', data: '{"state":"Live"}', bytes: 1 }, false],
    [{ event: 'status', data: 'not json', bytes: 1 }, false],
  ])('%j → %s', (event, expected) => {
    expect(isLiveStatus(event)).toBe(expected);
  });
});

describe('snapshotSize', () => {
  it('counts used row and column slots', () => {
    expect(snapshotSize(JSON.stringify({ seq: 1, rows: ['a', null, 'b'], columns: [{ cells: 'R.R' }, null] }))).toEqual({ rows: 2, columns: 1 });
  });

  it.each(['{}', '{"rows":[]}', 'nope'])('is undefined for %s', (data) => {
    expect(snapshotSize(data)).toBeUndefined();
  });
});
