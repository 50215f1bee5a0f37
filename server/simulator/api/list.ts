import 'server-only';
import { type ServerResponse } from 'node:http';
import { type SimStore } from '../store';
import { type KObject, type ResourceKind } from '../store-types';
import { type Representation } from './http-io';
import { decodeContinue, encodeContinue, type ListQuery, matchesQuery } from './list-query';
import { apiVersionOf, RESOURCES } from './resources';
import { buildTable, partialObjectMetadata } from './tables/table';

/** One page of a list: read-only views of the matching objects. */
export interface ListPage {
  items: KObject[];
  resourceVersion: string;
  continueToken?: string;
}

/** Selects one page (all when no limit) of matching objects, resuming after a continue token. */
export function selectPage(store: SimStore, kind: ResourceKind, query: ListQuery): ListPage {
  const token = query.continueToken ? decodeContinue(query.continueToken) : undefined;
  const resourceVersion = token?.rv ?? store.currentResourceVersion();
  const items: KObject[] = [];
  const after = token ? { namespace: token.namespace, name: token.name } : undefined;
  let more = false;
  for (const object of store.scan(kind, query.namespace, after)) {
    if (!matchesQuery(query, object)) continue;
    if (query.limit !== undefined && items.length === query.limit) {
      more = true;
      break;
    }
    items.push(object);
  }
  const last = items[items.length - 1];
  const continueToken = more && last
    ? encodeContinue({ rv: resourceVersion, namespace: last.metadata.namespace ?? '', name: last.metadata.name })
    : undefined;
  return { items, resourceVersion, ...(continueToken ? { continueToken } : {}) };
}

const BATCH = 500;

/**
 * Writes a list response in the negotiated representation. Items are streamed in batches, waiting for the
 * socket to drain, so a list of a million pods never becomes one giant string or one giant buffer.
 */
export async function writeList(
  res: ServerResponse, store: SimStore, kind: ResourceKind, page: ListPage, representation: Representation, query: ListQuery, now: number,
): Promise<void> {
  const metadata = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken } : {}) };
  res.writeHead(200, { 'Content-Type': 'application/json' });
  if (representation === 'table') {
    const table = buildTable(kind, [], now, query.includeObject, metadata);
    const head = JSON.stringify({ ...table, rows: undefined });
    res.write(`${head.slice(0, -1)},"rows":[`);
    await writeItems(res, store, page.items, (object) => buildTable(kind, [object], now, query.includeObject, {}, false).rows[0]);
    res.end(']}');
    return;
  }
  const info = RESOURCES[kind];
  const envelope = representation === 'partial-metadata'
    ? { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata }
    : { kind: `${info.objectKind}List`, apiVersion: apiVersionOf(info), metadata };
  const head = JSON.stringify(envelope);
  res.write(`${head.slice(0, -1)},"items":[`);
  await writeItems(res, store, page.items, representation === 'partial-metadata' ? partialObjectMetadata : (object) => object);
  res.end(']}');
}

async function writeItems(res: ServerResponse, store: SimStore, items: KObject[], render: (object: KObject) => unknown): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH) {
    const parts = items.slice(start, start + BATCH).map((object) => store.toJson(render(object)));
    if (!res.write((start === 0 ? '' : ',') + parts.join(','))) await drained(res);
    if (res.destroyed) return;
  }
}

/** Resolves when the response can take more data (or is gone). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
