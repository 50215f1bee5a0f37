import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeRequest } from '../clusters/kube-http';
import { listAll } from './resources';
import type { RawList } from './supervisor';

/** A client serving `pages` in order, following the continue tokens it hands out. */
function pagedClient(pages: unknown[][]): { client: KubeClient; requests: KubeRequest[] } {
  const requests: KubeRequest[] = [];
  const client = (async (request: KubeRequest) => {
    requests.push(request);
    const index = Number(request.query?.continue ?? '0');
    const page: RawList = {
      metadata: { resourceVersion: String(100 + index), ...(index + 1 < pages.length ? { continue: String(index + 1) } : {}) },
      items: pages[index] ?? [],
    };
    return page;
  }) as KubeClient;
  return { client, requests };
}

describe('listAll', () => {
  it('follows continue tokens and keeps the first page resourceVersion', async () => {
    const { client, requests } = pagedClient([[1, 2], [3], [4, 5]]);
    const list = await listAll(client, '/api/v1/pods', new AbortController().signal);
    expect(list).toEqual({ metadata: { resourceVersion: '100' }, items: [1, 2, 3, 4, 5] });
    expect(requests.map((request) => request.query)).toEqual([
      { limit: '500', continue: undefined }, { limit: '500', continue: '1' }, { limit: '500', continue: '2' },
    ]);
  });

  it('maps every item as its page arrives and drops those mapped to undefined', async () => {
    const { client } = pagedClient([[1, 2], [3, 4]]);
    const seen: number[] = [];
    const list = await listAll(client, '/api/v1/pods', new AbortController().signal, () => seen.push(-1), (item) => {
      seen.push(item as number);
      return (item as number) % 2 === 0 ? { n: item } : undefined;
    });
    expect(list.items).toEqual([{ n: 2 }, { n: 4 }]);
    // Page 1's items are mapped before page 2 is requested (-1 marks the end of a page).
    expect(seen).toEqual([1, 2, -1, 3, 4, -1]);
  });
});
