import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from './audit';

describe('createAuditLog', () => {
  it('appends one JSON line per entry, in order, creating the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    const path = join(dir, 'nested', 'audit.log');
    const log = createAuditLog(path);
    const base = { time: '2026-01-01T00:00:00Z', user: 'local', cluster: 'demo', object: 'daemonset/kube-system/fluent-bit' };
    await Promise.all([
      log.append({ ...base, action: 'rollback', fromRevision: 4, toRevision: 3, result: 'ok' }),
      log.append({ ...base, action: 'restart', result: 'Conflict: stale' }),
    ]);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { ...base, action: 'rollback', fromRevision: 4, toRevision: 3, result: 'ok' },
      { ...base, action: 'restart', result: 'Conflict: stale' },
    ]);
  });
});
