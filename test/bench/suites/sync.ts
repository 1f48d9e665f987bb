/**
 * Sync between peers over real WebRTC (issue 8): a single-field edit reaching every peer with
 * 2, 5 and 10 peers, the data-channel bytes each edit costs, and the first sync of a
 * 10,000-decision workspace to a peer that joins. Every peer is its own process with
 * `@roamhq/wrtc`, through Latitude's signalling server on 127.0.0.1.
 *
 * WebRTC would use every network interface, so the measuring happens in a child process
 * inside a private network namespace where only loopback exists (test/sync/measure-sync.ts,
 * which refuses to run anywhere else): `unshare -n` needs root or user namespaces. Without
 * it the suite fails with a clear error and the other suites still run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Figure, Suite } from '../bench';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = fileURLToPath(new URL('../../sync/measure-sync.ts', import.meta.url));
const MARKER = 'SYNC-BENCH-RESULT ';
/** The child gives up by itself after 8 minutes; this is the last resort. */
const TIMEOUT_MS = 10 * 60_000;

/** Runs the measuring child in a private network namespace and returns its figures. */
function measure(): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" --import tsx "$1"', process.execPath, script],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER));
      if (code === 0 && line !== undefined) resolve(JSON.parse(line.slice(MARKER.length)) as Figure[]);
      else reject(new Error(`The sync measurements failed (exit code ${code}, signal ${signal}); see the log above.`));
    });
  });
}

export const syncSuite: Suite = {
  name: 'sync',
  async run() {
    if (spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
      throw new Error(
        'unshare -n is not permitted here (it needs root or user namespaces): the WebRTC sync benchmarks run only inside a private network namespace, so they were not run.',
      );
    }
    return { suite: 'sync', figures: await measure() };
  },
};
