import { describe, expect, it } from 'vitest';
import { parseStreamEvent } from './parse-stream-event';

describe('parseStreamEvent', () => {
  it('reads a snapshot', () => {
    const parsed = parseStreamEvent('snapshot', JSON.stringify({ seq: 3, rows: ['a'], columns: [null] }), 9);
    expect(parsed).toEqual({
      ok: true,
      event: { type: 'snapshot', at: 9, seq: 3, snapshot: { rows: ['a'], columns: [null] } },
    });
  });

  it('reads a delta batch', () => {
    const parsed = parseStreamEvent(
      'delta',
      JSON.stringify({ seq: 4, deltas: [{ cells: [[0, 0, 'R']] }] }),
      9,
    );
    expect(parsed).toEqual({
      ok: true,
      event: { type: 'delta', at: 9, seq: 4, deltas: [{ cells: [[0, 0, 'R']] }] },
    });
  });

  it('accepts a delta stamped with the server receivedAt and leaves the stamp out (the grid does not use it)', () => {
    const parsed = parseStreamEvent(
      'delta',
      JSON.stringify({ seq: 5, receivedAt: 1_764_000_000_000, deltas: [{ cells: [[1, 2, 'M']] }] }),
      9,
    );
    expect(parsed).toEqual({
      ok: true,
      event: { type: 'delta', at: 9, seq: 5, deltas: [{ cells: [[1, 2, 'M']] }] },
    });
  });

  it.each([
    [
      {
        state: 'Live',
        resources: {
          nodes: 5,
          pods: { count: 10, synced: true },
          revisions: { loaded: 2, error: 'forbidden' },
        },
      },
      {
        state: 'Live',
        resources: {
          nodes: { count: 5 },
          pods: { count: 10, synced: true },
          revisions: { count: 2, error: 'forbidden' },
        },
      },
    ],
    [
      { state: 'Stale', since: '2026-11-25T10:00:00Z' },
      { state: 'Stale', since: '2026-11-25T10:00:00Z', resources: {} },
    ],
    [
      { state: 'Stale', since: 12, resources: 'lots' },
      { state: 'Stale', since: 12, resources: {} },
    ],
  ])('reads status %j', (body, status) => {
    expect(parseStreamEvent('status', JSON.stringify(body), 1)).toEqual({
      ok: true,
      event: { type: 'status', at: 1, status },
    });
  });

  it('reads a heartbeat with or without data', () => {
    expect(parseStreamEvent('heartbeat', '', 4)).toEqual({ ok: true, event: { type: 'heartbeat', at: 4 } });
    expect(parseStreamEvent('heartbeat', '{"t":1}', 4)).toEqual({
      ok: true,
      event: { type: 'heartbeat', at: 4 },
    });
  });

  it.each([
    ['snapshot', '{not json', 'snapshot event is not JSON'],
    ['snapshot', '[1,2]', 'snapshot event is not an object'],
    ['snapshot', '{"rows":[],"columns":[]}', 'snapshot event lacks seq, rows or columns'],
    ['snapshot', '{"seq":1,"rows":{},"columns":[]}', 'snapshot event lacks seq, rows or columns'],
    ['delta', '{"seq":"1","deltas":[]}', 'delta event lacks seq or deltas'],
    ['delta', '{"seq":1,"deltas":[3]}', 'delta event lacks seq or deltas'],
    ['status', '{"state":"Fine"}', 'status event has no Live/Stale state'],
    ['surprise', '{}', 'unknown event "surprise"'],
  ])('rejects %s %s', (name, data, error) => {
    expect(parseStreamEvent(name, data, 0)).toEqual({ ok: false, error });
  });
});

describe('parseStreamEvent rollout', () => {
  it('reads a rollout event', () => {
    const sample = {
      at: 5,
      desired: 2,
      updated: 1,
      ready: 2,
      available: 2,
      unavailable: 0,
      revisions: { '2': 1, '1': 1 },
    };
    const parsed = parseStreamEvent(
      'rollout',
      JSON.stringify({
        daemonset: 'a/b',
        reset: true,
        capacity: 10,
        samples: [sample, { at: 'x' }],
        progress: { done: false, stuck: true, cause: 'c', etaSeconds: 30 },
      }),
      1,
    );
    expect(parsed).toEqual({
      ok: true,
      event: {
        type: 'rollout',
        at: 1,
        reset: true,
        feed: {
          capacity: 10,
          samples: [sample],
          progress: { done: false, stuck: true, cause: 'c', etaSeconds: 30 },
        },
      },
    });
  });

  it('reads since when the server has samples, and drops a malformed value', () => {
    const event = (recordingSince: unknown) =>
      parseStreamEvent(
        'rollout',
        JSON.stringify({ reset: true, samples: [], progress: {}, recordingSince }),
        1,
      );
    expect(event(1_764_000_000_000)).toMatchObject({
      ok: true,
      event: { feed: { recordingSince: 1_764_000_000_000 } },
    });
    const malformed = event('yesterday');
    expect(
      malformed.ok && malformed.event.type === 'rollout' ? malformed.event.feed : undefined,
    ).not.toHaveProperty('recordingSince');
  });

  it('rejects a rollout without samples', () => {
    expect(parseStreamEvent('rollout', '{"progress":{}}', 1)).toEqual({
      ok: false,
      error: 'rollout event lacks samples or progress',
    });
  });
});
