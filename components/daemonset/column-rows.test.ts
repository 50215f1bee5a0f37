import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../grid/test-fleet';
import { columnRows, findColumn } from './column-rows';

const fleet = snapshotOf(['n-c', 'n-a', null, 'x-b', 'n-d'], { 'kube-system/cni': 'RU.NF', 'a/b': 'RRRRR' });
const column = findColumn(fleet, 'kube-system/cni');

describe('columnRows', () => {
  it('finds the column by key', () => {
    expect(column?.name).toBe('cni');
    expect(findColumn(fleet, 'kube-system/gone')).toBeUndefined();
  });

  it.each<[string, { node: string; states: string[]; showNotEligible: boolean }, string[]]>([
    [
      'problems first, Not eligible hidden by default',
      { node: '', states: [], showNotEligible: false },
      ['n-a U', 'n-d F', 'n-c R'],
    ],
    [
      'Not eligible shown last on request',
      { node: '', states: [], showNotEligible: true },
      ['n-a U', 'n-d F', 'n-c R', 'x-b N'],
    ],
    ['by state slug', { node: '', states: ['not-eligible'], showNotEligible: false }, ['x-b N']],
    ['by node substring', { node: 'N-', states: [], showNotEligible: true }, ['n-a U', 'n-d F', 'n-c R']],
  ])('%s', (_name, filter, expected) => {
    if (!column) throw new Error('no column');
    expect(columnRows(fleet, column, filter).map((row) => `${row.node} ${row.code}`)).toEqual(expected);
  });
});
