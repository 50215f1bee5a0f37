/** The shareable page paths of CONTRACT.md, with every name escaped so odd names never change the route. */

const seg = encodeURIComponent;

/** `/c/{cluster}`: the fleet grid. */
export const fleetPath = (cluster: string) => `/c/${seg(cluster)}`;

/** `/c/{cluster}/nodes/{name}`: one node's verdicts. */
export const nodePath = (cluster: string, node: string) => `${fleetPath(cluster)}/nodes/${seg(node)}`;

/** `/c/{cluster}/daemonsets/{namespace}/{name}`: one DaemonSet. */
export const daemonSetPath = (cluster: string, namespace: string, name: string) =>
  `${fleetPath(cluster)}/daemonsets/${seg(namespace)}/${seg(name)}`;

/** A route segment as Next.js hands it over (still percent-encoded); a malformed escape is kept as typed. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
