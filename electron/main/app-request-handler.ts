/**
 * Serves the built renderer over `app://latitude/`: request in, `Response` out.
 *
 * Which file a URL may reach is decided by `resolveAppAsset`; this module only turns that
 * decision into a response with the right headers. It takes `readFile` as a parameter and
 * uses the web `Request`/`Response` classes Node already has, so it is tested without
 * Electron; app-protocol.ts hands it to `protocol.handle`.
 */
import { contentTypeFor, resolveAppAsset } from './security-policy';

/** What {@link createAppRequestHandler} needs. */
export interface AppRequestHandlerOptions {
  /** The built renderer's folder (out/renderer). */
  rootDir: string;
  /** The Content-Security-Policy header sent with every page. */
  csp: string;
  /** `fs.promises.readFile`. */
  readFile: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/** Creates the handler for `protocol.handle('app', ...)`. */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const securityHeaders = {
    'content-security-policy': options.csp,
    // Never guess a type: a file served as text must not run as a script.
    'x-content-type-options': 'nosniff',
  };
  const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
    new Response(text, {
      status,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', ...extra },
    });

  return async (request) => {
    // The app only ever reads its own files; nothing may be posted to it.
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method not allowed', { allow: 'GET, HEAD' });

    const asset = resolveAppAsset(request.url, options.rootDir);
    if ('error' in asset) return asset.error === 'forbidden' ? plain(403, 'Forbidden') : plain(404, 'Not found');

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await options.readFile(asset.path);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      const missing = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
      return missing ? plain(404, 'Not found') : plain(500, 'The file could not be read');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...securityHeaders,
        'content-type': contentTypeFor(asset.path),
        'content-length': String(body.byteLength),
      },
    });
  };
}
