/**
 * zod compiles object parsers with `new Function` when it can, and probes for that once.
 * The Content Security Policy forbids eval, so the probe is refused and logged as a CSP
 * violation on every start. Turning the compiler off keeps the console clean; parsing
 * stays correct (and fast enough: forms and peers' changes, not bulk data).
 * Imported first by main.tsx, before anything parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
