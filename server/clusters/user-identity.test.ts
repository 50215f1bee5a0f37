import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubeConfigWithToken } from './user-identity';

const serverKc = () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'prod', server: 'https://10.0.0.1:6443', caData: 'Q0E=', skipTLSVerify: false }],
    users: [{ name: 'dashboard', certData: 'Q0VSVA==', keyData: 'S0VZ', token: 'dashboard-token' }],
    contexts: [{ name: 'prod', cluster: 'prod', user: 'dashboard' }],
    currentContext: 'prod',
  });
  return kc;
};

describe('kubeConfigWithToken', () => {
  it('keeps the cluster (address, CA) and carries only the user token, no certificate of the dashboard', () => {
    const kc = kubeConfigWithToken(serverKc(), 'user-token');
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://10.0.0.1:6443', caData: 'Q0E=' });
    const user = kc.getCurrentUser();
    expect(user).toMatchObject({ token: 'user-token' });
    expect(user?.certData).toBeUndefined();
    expect(user?.keyData).toBeUndefined();
  });

  it('refuses a kubeconfig without a current cluster', () => {
    expect(() => kubeConfigWithToken(new KubeConfig(), 'x')).toThrow('no current cluster');
  });
});
