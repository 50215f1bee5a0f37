import 'server-only';
import { type KObject, type ResourceKind } from '../store-types';
import { readPath } from './json-value';
import { badRequest } from './status-error';

/** One `field=value` / `field!=value` term. */
export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** The field labels each kind's registry supports (`GetAttrs`/`ToSelectableFields` upstream). */
const SELECTABLE: Record<ResourceKind, string[]> = {
  namespaces: ['status.phase'],
  nodes: ['spec.unschedulable'],
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork',
    'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
    'reportingComponent', 'source', 'type'],
  daemonsets: [],
  controllerrevisions: [],
};

/** Parses a `fieldSelector` (`spec.nodeName=n1,status.phase!=Failed`); unknown fields are a 400 like upstream's. */
export function parseFieldSelector(kind: ResourceKind, text: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const raw of text.split(',')) {
    const term = raw.trim();
    if (term === '') continue;
    const match = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid field selector: '${term}'`);
    const field = match[1] ?? '';
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !SELECTABLE[kind].includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    requirements.push({ field, value: match[3] ?? '', negate: match[2] === '!=' });
  }
  return requirements;
}

function fieldValue(object: KObject, field: string): string {
  if (field === 'source') return String(readPath(object, 'source.component') ?? '');
  const value = readPath(object, field);
  if (value === undefined || value === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(value);
}

/** True when the object satisfies every requirement. */
export function matchesFields(requirements: FieldRequirement[], object: KObject): boolean {
  return requirements.every((req) => (fieldValue(object, req.field) === req.value) !== req.negate);
}
