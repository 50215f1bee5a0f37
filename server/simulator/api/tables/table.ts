import 'server-only';
import { type KObject, type ResourceKind } from '../../store-types';
import { COLUMNS, type ColumnDefinition } from './columns';
import { type Cells, rowCells } from './rows';

/** What a table row carries besides its cells (`includeObject`). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A `meta.k8s.io/v1` Table. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: { cells: Cells; object?: unknown }[];
}

/** The object as `PartialObjectMetadata` (what table rows and metadata-only lists carry). */
export function partialObjectMetadata(object: KObject): { kind: 'PartialObjectMetadata'; apiVersion: 'meta.k8s.io/v1'; metadata: KObject['metadata'] } {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

function rowObject(object: KObject, include: IncludeObject): unknown {
  if (include === 'Object') return object;
  if (include === 'Metadata') return partialObjectMetadata(object);
  return undefined;
}

/** Renders objects as the Table a real API server answers for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export function buildTable(
  kind: ResourceKind, objects: Iterable<KObject>, now: number, include: IncludeObject, metadata: Table['metadata'], withColumns = true,
): Table {
  const rows: Table['rows'] = [];
  for (const object of objects) {
    const objectField = rowObject(object, include);
    rows.push({ cells: rowCells(kind, object, now), ...(objectField === undefined ? {} : { object: objectField }) });
  }
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions: withColumns ? COLUMNS[kind] : [], rows };
}
