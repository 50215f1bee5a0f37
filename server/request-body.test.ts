import { describe, expect, it } from 'vitest';
import { DaemonscopeError } from './errors';
import { readJsonBody } from './request-body';

const request = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) => new Request('http://127.0.0.1/x', { method: 'POST', body, headers });

async function failure(pending: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await pending.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof DaemonscopeError)) throw new Error(`expected a DaemonscopeError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('readJsonBody', () => {
  it.each([
    ['an object', '{"a":1}', { a: 1 }],
    ['an array', '[1]', [1]],
    ['empty', '', undefined],
    ['blank', ' \n', undefined],
  ])('reads %s', async (_label, body, expected) => {
    expect(await readJsonBody(request(body))).toEqual(expected);
  });

  it.each([
    ['no body', null],
    ['text/plain JSON (what fetch sends for a string)', '{"a":1}', { 'content-type': 'text/plain;charset=UTF-8' }],
    ['a +json type', '{"a":1}', { 'content-type': 'application/merge-patch+json' }],
  ])('accepts %s', async (_label, body, headers?: Record<string, string>) => {
    expect(await readJsonBody(request(body, headers))).toEqual(body === null ? undefined : { a: 1 });
  });

  it.each([
    ['malformed JSON', request('{'), 400, /not valid JSON/],
    ['bytes that are not UTF-8', request(new Uint8Array([0x7b, 0xff, 0x7d])), 400, /UTF-8/],
    ['a body past the limit', request(`"${'x'.repeat(20_000)}"`), 413, /larger than 16384 bytes/],
    ['a declared length past the limit', request('{}', { 'content-type': 'application/json', 'content-length': '99999999' }), 413, /larger than/],
    ['a form', request('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /must be JSON/],
    ['HTML', request('{}', { 'content-type': 'text/html' }), 415, /text\/html/],
  ])('refuses %s', async (_label, req, code, message) => {
    const refused = await failure(readJsonBody(req));
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(message);
  });

  it('honours a smaller limit', async () => {
    expect((await failure(readJsonBody(request('{"a":"0123456789"}'), 8))).code).toBe(413);
  });
});
