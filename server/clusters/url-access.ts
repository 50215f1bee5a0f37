import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';

/** A KubeConfig for an API server reached by URL with no credentials (the simulated cluster). */
export function kubeConfigForUrl(name: string, url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node refuses plain http:// unless TLS verification is off (TOOLCHAIN.md).
    clusters: [{ name, server: url, skipTLSVerify: true }],
    users: [{ name }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kc;
}
