/**
 * Latitude's Content-Security-Policy, one definition for both delivery paths: the
 * Electron main process sends it as a response header for every app:// page, and the
 * renderer build writes it into index.html as a meta tag (the only way a static browser
 * build can carry it).
 *
 * - scripts only from the app itself: no inline scripts, no eval;
 * - styles from the app plus inline styles, which the component library (Mantine) sets
 *   through <style> elements; styles cannot run code;
 * - images and fonts from the app or data:/blob: URLs the app made itself;
 * - connections to the app, to WebSocket signalling servers (peer-to-peer sync over a LAN
 *   uses ws:/wss: on addresses the user chooses) and to loopback;
 * - nothing may frame the app, post forms or change the document's base URL.
 */

/** Directives that a `<meta http-equiv>` policy ignores; they are sent only as a header. */
const headerOnlyDirectives = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The production policy as directive → sources. */
const productionDirectives: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  ['connect-src', ["'self'", 'ws:', 'wss:', 'http://127.0.0.1:*', 'http://localhost:*']],
  ['worker-src', ["'self'", 'blob:']],
  ['manifest-src', ["'self'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['object-src', ["'none'"]],
  ['frame-src', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Options for {@link contentSecurityPolicy}. */
export interface CspOptions {
  /**
   * Origin of a development server (e.g. `http://localhost:5173`). Development needs its
   * scripts, its hot-reload socket and the React refresh preamble, which is inline.
   */
  devServerOrigin?: string;
  /** `meta` drops directives that browsers ignore in a meta tag. Default `header`. */
  delivery?: 'header' | 'meta';
}

/** Builds the policy string for a delivery path and, in development, a dev server. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const { devServerOrigin, delivery = 'header' } = options;
  return productionDirectives
    .filter(([name]) => delivery === 'header' || !headerOnlyDirectives.has(name))
    .map(([name, sources]) => {
      let all = [...sources];
      if (devServerOrigin !== undefined) {
        const socket = devServerOrigin.replace(/^http/, 'ws');
        if (name === 'script-src') all = [...all, devServerOrigin, "'unsafe-inline'"];
        if (name === 'connect-src') all = [...all, devServerOrigin, socket];
      }
      return `${name} ${all.join(' ')}`;
    })
    .join('; ');
}

/** The production policy as an HTTP header value. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
