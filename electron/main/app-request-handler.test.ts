import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler } from './app-request-handler';
import { CONTENT_SECURITY_POLICY } from './security-policy';

let base: string;
let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  // A real folder: the renderer root with a page and a script, and a secret beside it.
  base = await mkdtemp(join(tmpdir(), 'latitude-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Latitude</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("hi")');
  await writeFile(join(base, 'secret.txt'), 'do not serve');
  serve = createAppRequestHandler({ rootDir: root, csp: CONTENT_SECURITY_POLICY, readFile: (path) => readFile(path) });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => serve(new Request(url, { method }));

describe('createAppRequestHandler', () => {
  it('serves index.html for the root with the security headers', async () => {
    const response = await get('app://latitude/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Latitude</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a script with a script type', async () => {
    const response = await get('app://latitude/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("hi")');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://latitude/assets/app.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('17');
    expect(await response.text()).toBe('');
  });

  it('refuses to accept posted data', async () => {
    const response = await serve(new Request('app://latitude/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for a missing file, with the security headers', async () => {
    const response = await get('app://latitude/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['app://latitude/..%2fsecret.txt', 'app://latitude/..%5csecret.txt', 'app://evil/secret.txt'])(
    'never serves the file beside the root: %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('do not serve');
    },
  );

  it.each([
    'app://latitude/../secret.txt',
    'app://latitude/%2e%2e/secret.txt',
    'app://latitude/assets/../../secret.txt',
  ])('keeps a traversal the URL parser folded inside the root: %s', async (url) => {
    // new Request() resolves dot segments (encoded ones too) itself, as Chromium does, so
    // the request arrives as app://latitude/secret.txt: looked up in the root, where it
    // does not exist.
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('answers 404 for a directory and 500 for other read failures', async () => {
    expect((await get('app://latitude/assets/')).status).toBe(404);
    const failing = createAppRequestHandler({
      rootDir: root,
      csp: CONTENT_SECURITY_POLICY,
      readFile: vi.fn(async () => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      }),
    });
    const response = await failing(new Request('app://latitude/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('EIO');
  });
});
