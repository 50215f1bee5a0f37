import { describe, expect, it } from 'vitest';
import { samplesSinceText, type SampleHistory } from './samples-since';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 25, 16, 42);
// Minutes after START, so the expectations read as times.
const formatTime = (ms: number) => `+${(ms - START) / MINUTE}m`;
const samples = (...minutes: number[]) => minutes.map((m) => ({ at: START + m * MINUTE }));

describe('samplesSinceText', () => {
  it.each<[string, SampleHistory, string | undefined]>([
    ['nothing to date before the first sync', { samples: [], capacity: 720 }, undefined],
    [
      'since the server began recording, which a restart resets',
      { samples: samples(0, 5), capacity: 720, recordingSince: START },
      'Samples since +0m, when this server began recording; they start again if the server restarts.',
    ],
    [
      'since the server began recording even when the first change came later',
      { samples: samples(12), capacity: 720, recordingSince: START },
      'Samples since +0m, when this server began recording; they start again if the server restarts.',
    ],
    [
      'since the oldest kept sample once the ring is full',
      { samples: samples(30, 31, 32), capacity: 3, recordingSince: START },
      'Samples since +30m: the server keeps the latest 3.',
    ],
    [
      'since the first sample when the server does not say when it began',
      { samples: samples(7, 8), capacity: 720 },
      'Samples since +7m; they start again if the server restarts.',
    ],
  ])('%s', (_name, history, expected) => {
    expect(samplesSinceText(history, formatTime)).toBe(expected);
  });
});
