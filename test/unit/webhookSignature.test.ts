import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureHeader, signatureOf, verifySignature } from '../../api/webhooks/signature';

// Computed with the openssl command line, not with this code:
//   printf '%s' '1764072000.{"id":"evt_1","type":"decision.made"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
const VECTOR = {
  secret: 'whsec_test_secret',
  timestamp: 1764072000,
  body: '{"id":"evt_1","type":"decision.made"}',
  hex: '3c17a6a36401aacb198e1ea613a155a1e187445706bc13593b4e5b7cea985a3f',
};

describe('webhook signatures', () => {
  it('matches a vector computed independently', () => {
    expect(signatureOf(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.hex);
    expect(signatureHeader([VECTOR.secret], VECTOR.timestamp, VECTOR.body)).toBe(`t=${VECTOR.timestamp},v1=${VECTOR.hex}`);
    expect(verifySignature(VECTOR.secret, `t=${VECTOR.timestamp},v1=${VECTOR.hex}`, VECTOR.body, VECTOR.timestamp + 10)).toEqual({
      ok: true,
      timestamp: VECTOR.timestamp,
    });
  });

  it('refuses a changed body, a wrong secret, an old or future timestamp and malformed headers', () => {
    const header = signatureHeader([VECTOR.secret], VECTOR.timestamp, VECTOR.body);
    const now = VECTOR.timestamp + 1;
    expect(verifySignature(VECTOR.secret, header, VECTOR.body.replace('made', 'reversed'), now)).toEqual({ ok: false, reason: 'no_match' });
    expect(verifySignature('another secret', header, VECTOR.body, now)).toEqual({ ok: false, reason: 'no_match' });
    expect(verifySignature(VECTOR.secret, header, VECTOR.body, VECTOR.timestamp + 301)).toEqual({ ok: false, reason: 'too_old' });
    expect(verifySignature(VECTOR.secret, header, VECTOR.body, VECTOR.timestamp - 301)).toEqual({ ok: false, reason: 'in_the_future' });
    // A replay with a fresh timestamp but the old signature does not verify: the timestamp is signed.
    expect(verifySignature(VECTOR.secret, header.replace(`t=${VECTOR.timestamp}`, `t=${now}`), VECTOR.body, now)).toEqual({
      ok: false,
      reason: 'no_match',
    });
    for (const bad of [
      undefined,
      '',
      'v1=abc',
      `t=${VECTOR.timestamp}`,
      `t=x,v1=${VECTOR.hex}`,
      `t=1,t=2,v1=${VECTOR.hex}`,
      `t=${VECTOR.timestamp},v1=${VECTOR.hex.slice(2)}`,
      'garbage',
    ])
      expect(verifySignature(VECTOR.secret, bad, VECTOR.body, now), String(bad)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('verifies with either secret while one is being rotated, and ignores schemes it does not know', () => {
    const header = signatureHeader(['new secret', 'old secret'], 100, 'body');
    expect(verifySignature('old secret', header, 'body', 100).ok).toBe(true);
    expect(verifySignature('new secret', `${header},v2=whatever`, 'body', 100).ok).toBe(true);
    expect(verifySignature('third secret', header, 'body', 100).ok).toBe(false);
  });

  it('round-trips any body and secret, and any one-byte change breaks it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(), (secret, body, t, at) => {
        const header = signatureHeader([secret], t, body);
        expect(verifySignature(secret, header, body, t).ok).toBe(true);
        const tampered =
          body.length === 0
            ? 'x'
            : body.slice(0, at % body.length) +
              String.fromCharCode((body.charCodeAt(at % body.length) + 1) % 0xd800) +
              body.slice((at % body.length) + 1);
        if (tampered !== body) expect(verifySignature(secret, header, tampered, t).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
