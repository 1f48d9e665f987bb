import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  const production = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the app itself: no inline scripts, no eval', () => {
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('denies everything not named, and forbids framing, plugins, forms and base changes', () => {
    expect(production.get('default-src')).toEqual(["'none'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
  });

  it('drops header-only directives from the meta-tag form and keeps the rest identical', () => {
    const meta = directives(contentSecurityPolicy({ delivery: 'meta' }));
    expect(meta.has('frame-ancestors')).toBe(false);
    for (const [name, sources] of meta) expect(production.get(name)).toEqual(sources);
    expect(meta.size).toBe(production.size - 1);
  });

  it('opens only the given dev server (and its hot-reload socket) in development', () => {
    const dev = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
    expect(dev.get('default-src')).toEqual(["'none'"]);
  });
});
