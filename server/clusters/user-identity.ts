import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';
import { DaemonscopeError } from '../errors';

/** Whose credentials a request to a cluster carries. */
export type KubeIdentity =
  | { kind: 'kubeconfig' }
  | { kind: 'token'; token: string }
  | { kind: 'impersonate'; user: string; groups: readonly string[] };

/**
 * The kubeconfig's cluster (address, CA, TLS settings) with only the user's bearer token as
 * credentials: no client certificate or exec plugin of the server's own identity goes along, because
 * the API server would authenticate the certificate first and act as the dashboard instead.
 */
export function kubeConfigWithToken(kc: KubeConfig, token: string): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new DaemonscopeError('unavailable', 'no current cluster in the kubeconfig context');
  const user = new KubeConfig();
  user.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'daemonscope-user', token }],
    contexts: [{ name: 'daemonscope-user', cluster: cluster.name, user: 'daemonscope-user' }],
    currentContext: 'daemonscope-user',
  });
  return user;
}
