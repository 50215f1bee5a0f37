import 'server-only';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { badRequest, StoreError, toStatus } from './status-error';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads a request body (up to 8 MiB) as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new StoreError('BadRequest', 'the request body is too large', undefined, 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; a malformed one is a 400 with the parser's reason. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw badRequest('the request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`the body of the request was not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends any error as a Kubernetes Status with its HTTP code. */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  const status = toStatus(error);
  if (status.code === 500 && !(error instanceof StoreError)) {
    // An unexpected failure is the simulator's bug: log the detail, send the generic text.
    console.error('simulated API server:', error);
    status.message = 'an error on the server has prevented the request from succeeding';
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code, status, headers);
}

/** The representation a client asked for in `Accept`. */
export type Representation = 'object' | 'table' | 'partial-metadata';

/** Content negotiation: a Table or PartialObjectMetadata(List) when asked for in meta.k8s.io v1/v1beta1, else plain JSON. */
export function negotiate(accept: string | undefined): Representation {
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim());
    if (type !== 'application/json' && type !== '*/*') continue;
    const values = new Map(params.map((param) => {
      const [key, value] = param.split('=');
      return [(key ?? '').trim(), (value ?? '').trim()];
    }));
    const as = values.get('as');
    if (as === undefined) return 'object';
    if (values.get('g') !== 'meta.k8s.io' || !['v1', 'v1beta1'].includes(values.get('v') ?? '')) continue;
    if (as === 'Table') return 'table';
    if (as === 'PartialObjectMetadataList' || as === 'PartialObjectMetadata') return 'partial-metadata';
  }
  return 'object';
}
