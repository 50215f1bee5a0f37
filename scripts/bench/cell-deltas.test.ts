import { describe, expect, it } from 'vitest';
import { cellAddress, cellChange } from './cell-deltas';

const column = (namespace: string, name: string) => ({ namespace, name, cells: '' });
const snapshot = JSON.stringify({ seq: 7, rows: ['n0', null, 'n2'], columns: [null, column('kube-system', 'cni'), column('monitoring', 'agent')] });

describe('cellAddress', () => {
  it.each([
    ['n2', 'monitoring', 'agent', { column: 2, row: 2 }],
    ['n0', 'kube-system', 'cni', { column: 1, row: 0 }],
    ['n9', 'kube-system', 'cni', undefined],
    ['n0', 'monitoring', 'cni', undefined],
  ])('%s %s/%s', (node, namespace, name, expected) => {
    expect(cellAddress(snapshot, node, namespace, name)).toEqual(expected);
  });

  it.each(['', 'not json', '[]', '{"rows":[]}'])('is undefined for a malformed snapshot %j', (data) => {
    expect(cellAddress(data, 'n0', 'kube-system', 'cni')).toBeUndefined();
  });
});

describe('cellChange', () => {
  const address = { column: 2, row: 2 };

  it.each([
    ['a change to the cell', { seq: 8, receivedAt: 1_000, deltas: [{ cells: [[2, 2, 'M']] }] }, { seq: 8, receivedAt: 1_000, code: 'M' }],
    ['the last of two changes in one batch', { seq: 9, receivedAt: 5, deltas: [{ cells: [[2, 2, 'M']] }, { cells: [[1, 0, 'R'], [2, 2, 'R']] }] }, { seq: 9, receivedAt: 5, code: 'R' }],
    ['an unstamped batch', { seq: 10, deltas: [{ cells: [[2, 2, 'P']] }] }, { seq: 10, receivedAt: undefined, code: 'P' }],
    ['other cells only', { seq: 11, receivedAt: 1, deltas: [{ cells: [[2, 0, 'M'], [1, 2, 'M']] }] }, undefined],
    ['no cells', { seq: 12, receivedAt: 1, deltas: [{ summaries: [] }] }, undefined],
    ['no seq', { receivedAt: 1, deltas: [{ cells: [[2, 2, 'M']] }] }, undefined],
  ])('%s', (_name, data, expected) => {
    expect(cellChange(JSON.stringify(data), address)).toEqual(expected);
  });

  it('is undefined for text that is not JSON', () => {
    expect(cellChange('{', address)).toBeUndefined();
  });
});
