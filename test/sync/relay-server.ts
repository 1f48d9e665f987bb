/**
 * The stock Yjs relay for tests: `@y/websocket-server`'s own server script, in its own
 * process on 127.0.0.1. Used by the relay integration test and the relay e2e test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A free TCP port on 127.0.0.1 (the stock relay takes its port from PORT and cannot pick one). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('No port.');
  return address.port;
}

/** A running relay; `stop()` ends its process (it forgets everything it held). */
export interface TestRelay {
  url: string;
  stop(): Promise<void>;
}

/** Starts the relay on 127.0.0.1:`port` and resolves once it listens. */
export async function startRelay(port: number): Promise<TestRelay> {
  const script = fileURLToPath(new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The relay exited (code ${code}): ${output}`)));
  });
  return { url: `ws://127.0.0.1:${port}`, stop };
}
