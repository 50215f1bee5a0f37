import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const around = (files: string[] = []) => ({ cwd: '/srv/app', home: '/home/op', fileExists: (p: string) => files.includes(p) });

describe('parseConfig', () => {
  it('defaults: demo on, read-write, speed 1, audit log under cwd, 600 s deadline, no kubeconfig', () => {
    expect(parseConfig({}, around())).toEqual({
      kubeconfigPath: undefined,
      context: undefined,
      readOnly: false,
      demo: true,
      demoUrl: undefined,
      demoSpeed: 1,
      auditLogPath: '/srv/app/.daemonscope/audit.log',
      progressDeadlineSeconds: 600,
      auth: { mode: 'local', proxyTrusted: [], proxyUserHeader: 'x-forwarded-user', proxyGroupsHeader: 'x-forwarded-groups', peerStamped: false },
    });
  });

  it('reads the auth mode and the proxy settings', () => {
    const env = {
      DAEMONSCOPE_AUTH_MODE: 'proxy',
      DAEMONSCOPE_PROXY_TRUSTED: '10.0.0.5, 192.168.0.0/16,::1',
      DAEMONSCOPE_PROXY_USER_HEADER: 'X-Auth-Request-User',
      DAEMONSCOPE_PEER_STAMPED: '1',
    };
    expect(parseConfig(env, around()).auth).toEqual({
      mode: 'proxy', proxyTrusted: ['10.0.0.5', '192.168.0.0/16', '::1'], proxyUserHeader: 'x-auth-request-user', proxyGroupsHeader: 'x-forwarded-groups', peerStamped: true,
    });
  });

  it.each([
    ['DAEMONSCOPE_KUBECONFIG wins', { DAEMONSCOPE_KUBECONFIG: 'k.yaml', KUBECONFIG: '/other' }, ['/srv/app/k.yaml', '/other'], '/srv/app/k.yaml'],
    ['then the first existing KUBECONFIG entry', { KUBECONFIG: '/missing:/b' }, ['/b'], '/b'],
    ['then ~/.kube/config when it exists', {}, ['/home/op/.kube/config'], '/home/op/.kube/config'],
    ['not ~/.kube/config when KUBECONFIG is set but missing', { KUBECONFIG: '/missing' }, ['/home/op/.kube/config'], undefined],
  ])('kubeconfig: %s', (_name, env, files, expected) => {
    expect(parseConfig(env, around(files)).kubeconfigPath).toBe(expected);
  });

  it('reads flags, demo URL, speed and deadline', () => {
    const config = parseConfig(
      {
        DAEMONSCOPE_READ_ONLY: '1',
        DAEMONSCOPE_NO_DEMO: 'true',
        DAEMONSCOPE_DEMO_URL: 'http://127.0.0.1:7000',
        DAEMONSCOPE_DEMO_SPEED: '10',
        DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS: '30',
        DAEMONSCOPE_AUDIT_LOG: '/var/log/ds.log',
      },
      around(),
    );
    expect(config).toMatchObject({ readOnly: true, demo: false, demoUrl: 'http://127.0.0.1:7000', demoSpeed: 10, progressDeadlineSeconds: 30, auditLogPath: '/var/log/ds.log' });
  });

  it.each([
    ['a non-numeric speed', { DAEMONSCOPE_DEMO_SPEED: 'fast' }, /DAEMONSCOPE_DEMO_SPEED: expected a positive number, got "fast"/],
    ['a zero deadline', { DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS: '0' }, /DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS/],
    ['a bad flag', { DAEMONSCOPE_READ_ONLY: 'yes' }, /DAEMONSCOPE_READ_ONLY: expected 1 or 0/],
    ['a demo URL that is not http', { DAEMONSCOPE_DEMO_URL: 'ftp://x' }, /DAEMONSCOPE_DEMO_URL/],
    ['a missing --kubeconfig file', { DAEMONSCOPE_KUBECONFIG: 'nope.yaml' }, /--kubeconfig nope.yaml: no such file/],
    ['an unknown auth mode', { DAEMONSCOPE_AUTH_MODE: 'oidc' }, /DAEMONSCOPE_AUTH_MODE: expected local, token or proxy/],
    ['proxy mode without trusted addresses', { DAEMONSCOPE_AUTH_MODE: 'proxy' }, /--auth-mode proxy needs DAEMONSCOPE_PROXY_TRUSTED/],
    ['a trusted entry that is no address', { DAEMONSCOPE_PROXY_TRUSTED: '10.0.0.1,proxy.local' }, /"proxy.local" is not an IP address or CIDR block/],
    ['a CIDR prefix too long', { DAEMONSCOPE_PROXY_TRUSTED: '10.0.0.0/33' }, /prefix length outside 0-32/],
    ['a header name with spaces', { DAEMONSCOPE_PROXY_USER_HEADER: 'X User' }, /DAEMONSCOPE_PROXY_USER_HEADER: expected an HTTP header name/],
    ['a context without any kubeconfig', { DAEMONSCOPE_CONTEXT: 'prod' }, /--context prod needs a kubeconfig/],
  ])('refuses %s with a clear message', (_name, env, message) => {
    expect(() => parseConfig(env, around())).toThrow(ConfigError);
    expect(() => parseConfig(env, around())).toThrow(message);
  });
});
