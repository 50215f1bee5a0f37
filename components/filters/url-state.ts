/**
 * The fleet view's filters, sort, grouping and selection as they live in the query string, so that a
 * copied URL reopens the same view. Defaults are left out of the URL to keep links short.
 */

/** How grid rows are ordered. */
export type RowSort = 'name' | 'problems';

/** The selected cell: a node and a DaemonSet key (`namespace/name`). */
export interface CellRef {
  node: string;
  daemonSet: string;
}

/** Everything the query string of a fleet or DaemonSet view can say. */
export interface ViewQuery {
  /** Only DaemonSets of this namespace ('' = all). */
  namespace: string;
  /** Substring of `namespace/name` a DaemonSet must contain. */
  daemonSet: string;
  /** Substring a node name must contain. */
  node: string;
  /** Node label selector text, as `kubectl get nodes -l` takes it. */
  label: string;
  /** Taint filter text (`key[=value][:Effect]`). */
  taint: string;
  /** State slugs (`ready`, `not-eligible`, …); empty = every state. */
  states: string[];
  sort: RowSort;
  /** Node label key to group rows by ('' = no grouping). */
  groupBy: string;
  /** Only rows and columns with at least one problem cell. */
  problemsOnly: boolean;
  cell: CellRef | undefined;
}

/** The view with no filter, sorted by name, nothing selected. */
export const DEFAULT_VIEW_QUERY: ViewQuery = {
  namespace: '',
  daemonSet: '',
  node: '',
  label: '',
  taint: '',
  states: [],
  sort: 'name',
  groupBy: '',
  problemsOnly: false,
  cell: undefined,
};

/** The URL form of a state name: `Not eligible` → `not-eligible`. */
export function stateSlug(state: string): string {
  return state.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Reads a view from query parameters; unknown or malformed values fall back to the default. */
export function decodeViewQuery(params: URLSearchParams): ViewQuery {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const states = text('state')
    .split(',')
    .map(stateSlug)
    .filter((slug) => slug !== '');
  return {
    namespace: text('ns'),
    daemonSet: text('ds'),
    node: text('node'),
    label: text('label'),
    taint: text('taint'),
    states: [...new Set(states)],
    sort: text('sort') === 'problems' ? 'problems' : 'name',
    groupBy: text('group'),
    problemsOnly: text('problems') === '1',
    cell: decodeCell(text('cell')),
  };
}

// Node names and namespaces cannot contain "/", so `node/namespace/name` splits unambiguously.
function decodeCell(value: string): CellRef | undefined {
  const parts = value.split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  const [node, namespace, name] = parts as [string, string, string];
  return { node, daemonSet: `${namespace}/${name}` };
}

/** Writes a view as a query string (without `?`), omitting defaults, in a stable parameter order. */
export function encodeViewQuery(query: ViewQuery): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string) => {
    if (value !== '') params.set(name, value);
  };
  put('ns', query.namespace);
  put('ds', query.daemonSet);
  put('node', query.node);
  put('label', query.label);
  put('taint', query.taint);
  put('state', query.states.join(','));
  if (query.sort !== 'name') params.set('sort', query.sort);
  put('group', query.groupBy);
  if (query.problemsOnly) params.set('problems', '1');
  if (query.cell) params.set('cell', `${query.cell.node}/${query.cell.daemonSet}`);
  return params.toString();
}

/** The href of the same path with the view applied. */
export function viewHref(pathname: string, query: ViewQuery): string {
  const search = encodeViewQuery(query);
  return search === '' ? pathname : `${pathname}?${search}`;
}
