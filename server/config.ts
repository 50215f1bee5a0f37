import 'server-only';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { invalidTrustedPeer } from './auth/peer-trust';

/** The dashboard server's configuration, read once from the environment `npm start` sets. */
export interface ServerConfig {
  /** The kubeconfig file to read contexts from, or undefined when none was given or found. */
  kubeconfigPath: string | undefined;
  /** Only this kubeconfig context, when set. */
  context: string | undefined;
  readOnly: boolean;
  /** Whether the embedded `demo` cluster is offered (first in the list). */
  demo: boolean;
  /** An already running simulated cluster to use as `demo` instead of starting one in-process. */
  demoUrl: string | undefined;
  demoSpeed: number;
  auditLogPath: string;
  progressDeadlineSeconds: number;
  auth: AuthConfig;
}

/** Who acts on the clusters: the kubeconfig identity (`local`), each user's token, or the proxy's user. */
export type AuthMode = 'local' | 'token' | 'proxy';

/** How users are identified (DAEMONSCOPE_AUTH_MODE and the proxy settings). */
export interface AuthConfig {
  mode: AuthMode;
  /** Addresses or CIDR blocks whose user headers are believed (proxy mode). */
  proxyTrusted: string[];
  /** Lower-case header names carrying the user and the comma-separated groups. */
  proxyUserHeader: string;
  proxyGroupsHeader: string;
  /** True when the front server stamps each request with its socket's peer address (scripts/serve-proxy-mode.ts). */
  peerStamped: boolean;
}

/** A configuration value that cannot be used; the message names the variable and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const flag = z
  .enum(['', '0', '1', 'true', 'false'], { message: 'expected 1 or 0' })
  .optional()
  .transform((value) => value === '1' || value === 'true');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const positiveNumber = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected a positive number, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name such as X-Forwarded-User');

const envSchema = z.object({
  DAEMONSCOPE_KUBECONFIG: optionalText,
  KUBECONFIG: optionalText,
  DAEMONSCOPE_CONTEXT: optionalText,
  DAEMONSCOPE_READ_ONLY: flag,
  DAEMONSCOPE_NO_DEMO: flag,
  DAEMONSCOPE_DEMO_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as http://127.0.0.1:6443' }).optional(),
  ),
  DAEMONSCOPE_DEMO_SPEED: positiveNumber(1),
  DAEMONSCOPE_AUDIT_LOG: optionalText,
  DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS: positiveNumber(600),
  DAEMONSCOPE_AUTH_MODE: optionalText.pipe(z.enum(['local', 'token', 'proxy'], { message: 'expected local, token or proxy' }).optional()),
  DAEMONSCOPE_PROXY_TRUSTED: optionalText.transform((value, ctx) => {
    const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    for (const problem of entries.map(invalidTrustedPeer)) if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    return entries;
  }),
  DAEMONSCOPE_PROXY_USER_HEADER: optionalText.pipe(headerName.optional()),
  DAEMONSCOPE_PROXY_GROUPS_HEADER: optionalText.pipe(headerName.optional()),
  DAEMONSCOPE_PEER_STAMPED: flag,
});

/** Where the process looks for things; injected so tests need no real home directory. */
export interface ConfigSurroundings {
  cwd: string;
  home: string;
  fileExists: (path: string) => boolean;
}

/** Parses the environment into a ServerConfig; throws ConfigError with every problem listed. */
export function parseConfig(env: Record<string, string | undefined>, around: ConfigSurroundings): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid Daemonscope configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode = e.DAEMONSCOPE_AUTH_MODE ?? 'local';
  if (mode === 'proxy' && e.DAEMONSCOPE_PROXY_TRUSTED.length === 0) {
    throw new ConfigError('Invalid Daemonscope configuration:\n  --auth-mode proxy needs DAEMONSCOPE_PROXY_TRUSTED: the addresses of the authenticating proxy');
  }
  const kubeconfigPath = pickKubeconfig(e.DAEMONSCOPE_KUBECONFIG, e.KUBECONFIG, around);
  if (e.DAEMONSCOPE_CONTEXT !== undefined && kubeconfigPath === undefined) {
    throw new ConfigError(`Invalid Daemonscope configuration:\n  --context ${e.DAEMONSCOPE_CONTEXT} needs a kubeconfig, and none was found`);
  }
  return {
    kubeconfigPath,
    context: e.DAEMONSCOPE_CONTEXT,
    readOnly: e.DAEMONSCOPE_READ_ONLY,
    demo: !e.DAEMONSCOPE_NO_DEMO,
    demoUrl: e.DAEMONSCOPE_DEMO_URL,
    demoSpeed: e.DAEMONSCOPE_DEMO_SPEED,
    auditLogPath: resolve(around.cwd, e.DAEMONSCOPE_AUDIT_LOG ?? join('.daemonscope', 'audit.log')),
    progressDeadlineSeconds: e.DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS,
    auth: {
      mode,
      proxyTrusted: e.DAEMONSCOPE_PROXY_TRUSTED,
      proxyUserHeader: (e.DAEMONSCOPE_PROXY_USER_HEADER ?? 'X-Forwarded-User').toLowerCase(),
      proxyGroupsHeader: (e.DAEMONSCOPE_PROXY_GROUPS_HEADER ?? 'X-Forwarded-Groups').toLowerCase(),
      peerStamped: e.DAEMONSCOPE_PEER_STAMPED,
    },
  };
}

function pickKubeconfig(explicit: string | undefined, fromEnv: string | undefined, around: ConfigSurroundings) {
  if (explicit !== undefined) {
    const path = resolve(around.cwd, explicit);
    if (!around.fileExists(path)) throw new ConfigError(`Invalid Daemonscope configuration:\n  --kubeconfig ${explicit}: no such file`);
    return path;
  }
  // KUBECONFIG may list several files (like kubectl); the first one that exists is used.
  for (const candidate of (fromEnv ?? '').split(':').filter((part) => part !== '')) {
    const path = resolve(around.cwd, candidate);
    if (around.fileExists(path)) return path;
  }
  const fallback = join(around.home, '.kube', 'config');
  return fromEnv === undefined && around.fileExists(fallback) ? fallback : undefined;
}

const globalKey = Symbol.for('daemonscope.config');
type ConfigGlobal = { [globalKey]?: ServerConfig };

/** The process-wide configuration, parsed on first use. */
export function getConfig(): ServerConfig {
  const holder = globalThis as ConfigGlobal;
  holder[globalKey] ??= parseConfig(process.env, { cwd: process.cwd(), home: homedir(), fileExists: existsSync });
  return holder[globalKey];
}

/** Replaces the process-wide configuration (tests and the start script). */
export function setConfig(config: ServerConfig): void {
  (globalThis as ConfigGlobal)[globalKey] = config;
}
