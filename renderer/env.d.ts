/** The app's version from package.json, set at build time (vite.web.config.ts). */
declare const __APP_VERSION__: string;
