import { safeNext } from './web-auth.service.js';

describe('where to go after login', () => {
  it('allows paths of this site only', () => {
    expect(safeNext('/cases/new?x=1')).toBe('/cases/new?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/login?next=/',
      '',
      undefined,
      '/a b',
    ]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
