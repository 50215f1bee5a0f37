import 'server-only';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One line of the audit log: who did what to which object, from which revision to which, and how it ended. */
export interface AuditEntry {
  time: string;
  user: string;
  cluster: string;
  action: string;
  /** `daemonset/ns/name` or `pod/ns/name`. */
  object: string;
  fromRevision?: number;
  toRevision?: number;
  dryRun?: boolean;
  /** `ok`, `skipped`, or the error reason and message. */
  result: string;
}

/** Appends audit entries as JSON lines. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

/**
 * A JSON-lines audit log at `path`. Appends are serialised so concurrent mutations never interleave
 * half lines; a failure to write is reported on stderr but does not undo the mutation already made.
 */
export function createAuditLog(path: string): AuditLog {
  let chain: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      chain = chain.then(async () => {
        try {
          await mkdir(dirname(path), { recursive: true });
          await appendFile(path, `${JSON.stringify(entry)}\n`, 'utf8');
        } catch (error) {
          console.error(`[daemonscope] could not write the audit log ${path}:`, error);
        }
      });
      return chain;
    },
  };
}
