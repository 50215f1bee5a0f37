/** A GET that reports the bytes that crossed the socket (no transparent decompression) and its time. */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The outcome of {@link timedGet}. */
export interface TimedResponse {
  status: number;
  bytes: number;
  ms: number;
  body: string;
}

/** GETs `url` and reads the whole body. */
export function timedGet(url: string, accept = 'application/json'): Promise<TimedResponse> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, ms: performance.now() - start, body: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
