import 'server-only';
import { type ResourceKind } from '../../store-types';

/** A `meta.k8s.io/v1` TableColumnDefinition. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

const NAME_DOC = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DOC = 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function col(name: string, description: string, extra: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return { name, type: 'string', format: '', description, priority: 0, ...extra };
}

const nameColumn = col('Name', NAME_DOC, { format: 'name' });
const ageColumn = col('Age', AGE_DOC);
const wide = { priority: 1 };
const int = { type: 'integer' as const };

/** The columns upstream's printers register per resource (pkg/printers/internalversion/printers.go). */
export const COLUMNS: Record<ResourceKind, ColumnDefinition[]> = {
  nodes: [
    nameColumn,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageColumn,
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', wide),
    col('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', wide),
    col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', wide),
    col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", wide),
    col('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', wide),
  ],
  pods: [
    nameColumn,
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    col('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', wide),
    col('Node', 'NodeName is a request to schedule this pod onto a specific node.', wide),
    col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', wide),
    col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', wide),
  ],
  daemonsets: [
    nameColumn,
    col('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', int),
    col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', int),
    col('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', int),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', int),
    col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', int),
    col('Node Selector', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn,
    col('Containers', 'Names of each container in the template.', wide),
    col('Images', 'Images referenced by each container in the template.', wide),
    col('Selector', 'A label query over pods that are managed by the daemon set.', wide),
  ],
  controllerrevisions: [
    nameColumn,
    col('Controller', 'Controller of the object'),
    col('Revision', 'Revision indicates the revision of the state represented by Data.', int),
    ageColumn,
  ],
  namespaces: [
    nameColumn,
    col('Status', 'The status of the namespace'),
    ageColumn,
  ],
  events: [
    col('Last Seen', 'Time when last this event was observed'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col('Reason', 'This should be a short, machine understandable string that gives the reason for this event being generated.'),
    col('Object', 'The object that this event is about.'),
    col('Subobject', 'The subobject (usually a container) this event is about.', wide),
    col('Source', 'The component reporting this event.', wide),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'The time at which the event was first recorded.', wide),
    col('Count', 'The number of times this event has occurred.', { ...wide, type: 'integer' }),
    col('Name', NAME_DOC, { ...wide, format: 'name' }),
  ],
};
