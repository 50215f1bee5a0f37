import { describe, expect, it } from 'vitest';
import { invalidTrustedPeer, isTrustedPeer, PEER_HEADER, peerAddress } from './peer-trust';

describe('isTrustedPeer', () => {
  const trusted = ['10.0.0.5', '192.168.0.0/16', 'fd00::/8'];
  it.each([
    ['10.0.0.5', true],
    ['::ffff:10.0.0.5', true],
    ['10.0.0.6', false],
    ['192.168.44.1', true],
    ['fd12::1', true],
    ['fe80::1', false],
    ['not-an-ip', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isTrustedPeer(address, trusted)).toBe(expected);
  });

  it('an empty list trusts nobody', () => {
    expect(isTrustedPeer('127.0.0.1', [])).toBe(false);
  });
});

describe('invalidTrustedPeer', () => {
  it.each([['10.0.0.1', undefined], ['10.0.0.0/8', undefined], ['::1/128', undefined], ['host', 'not an IP'], ['10.0.0.0/x', 'prefix length'], ['1.2.3.4/5/6', 'not an IP']])('%s', (entry, problem) => {
    const answer = invalidTrustedPeer(entry);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toContain(problem);
  });
});

describe('peerAddress', () => {
  const request = (headers: Record<string, string>) => new Request('http://dash/x', { headers });
  it('believes the stamped header only when the front server stamps it', () => {
    expect(peerAddress(request({ [PEER_HEADER]: '10.0.0.5' }), true)).toBe('10.0.0.5');
    expect(peerAddress(request({ [PEER_HEADER]: '10.0.0.5' }), false)).toBeUndefined();
  });
  it('never believes X-Forwarded-For, which a client may write', () => {
    expect(peerAddress(request({ 'x-forwarded-for': '10.0.0.5' }), true)).toBeUndefined();
  });
});
