import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './idempotency-key.js';

describe('idempotency key format', () => {
  it.each(['a', 'c9a1e7c2-5b1f-4c62-9f1e-0d6f4d0f8a11', 'batch-42/row-7', 'x'.repeat(128)])('accepts %s', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each(['', 'x'.repeat(129), 'tab\there', '键', ' leading', 'trailing ', 'line\nbreak'])('refuses %j', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });
});

describe('request fingerprint', () => {
  it('ignores the order of object keys but not of array items', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(requestFingerprint('POST', '/x', { a: 1, b: 2 })).toBe(requestFingerprint('post', '/x', { b: 2, a: 1 }));
    expect(requestFingerprint('POST', '/x', { a: [1, 2] })).not.toBe(requestFingerprint('POST', '/x', { a: [2, 1] }));
  });

  it('tells bodies, paths and methods apart', () => {
    const base = requestFingerprint('POST', '/api/v1/cases', { claimAmount: '1.00' });
    expect(requestFingerprint('POST', '/api/v1/cases', { claimAmount: '1.01' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/other', { claimAmount: '1.00' })).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/cases', { claimAmount: '1.00' })).not.toBe(base);
  });
});
