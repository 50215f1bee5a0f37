/** Small grids and stream events for the soak's tests. */
import { zeroCounters } from '../../lib/daemon-status';
import type { FleetColumn, FleetDelta, FleetSnapshot } from '../../lib/fleet-model/types';
import type { SseEvent } from '../bench/sse';

/** A column of namespace `ns` with the given id, name and cells. */
export function column(id: number, name: string, cells: string): FleetColumn {
  return { id, namespace: 'ns', name, uid: `uid-${name}`, implied: zeroCounters(), reported: {}, updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 0, cells };
}

/** Three nodes × two DaemonSets. */
export const BASE: FleetSnapshot = { rows: ['n0', 'n1', 'n2'], columns: [column(0, 'a', 'RRR'), column(1, 'b', 'RMN')] };

/** A `snapshot` event. */
export function snapshotEvent(seq: number, grid: FleetSnapshot = BASE): SseEvent {
  const data = JSON.stringify({ seq, ...grid });
  return { event: 'snapshot', data, bytes: data.length };
}

/** A `delta` event. */
export function deltaEvent(seq: number, deltas: FleetDelta[]): SseEvent {
  const data = JSON.stringify({ seq, deltas });
  return { event: 'delta', data, bytes: data.length };
}
