/**
 * The stock servers the sync tests run, each its own Node process on 127.0.0.1: y-webrtc's
 * signalling server (`y-webrtc/bin/server.js`) and the Yjs relay (`@y/websocket-server`).
 * Neither can pick a free port itself, so `freePort` finds one first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A free TCP port on 127.0.0.1. */
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

/** A running stock server; `stop()` ends its process (it forgets everything it held). */
export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs `script` (a path in node_modules) with `env`; resolves once its output says `ready`. */
async function startScript(
  script: string,
  port: number,
  env: Record<string, string>,
  ready: string,
): Promise<TestServer> {
  const path = fileURLToPath(new URL(`../../node_modules/${script}`, import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [path], {
    env: { ...process.env, ...env },
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
      if (output.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (code ${code}): ${output}`)));
  });
  return { url: `ws://127.0.0.1:${port}`, stop };
}

/** The Yjs relay on 127.0.0.1:`port`. */
export function startRelay(port: number): Promise<TestServer> {
  return startScript(
    '@y/websocket-server/src/server.js',
    port,
    { HOST: '127.0.0.1', PORT: String(port) },
    'running at',
  );
}

/** y-webrtc's signalling server on a free port (it listens on every interface: only loopback in the namespace). */
export async function startStockSignalling(): Promise<TestServer> {
  const port = await freePort();
  return startScript('y-webrtc/bin/server.js', port, { PORT: String(port) }, 'Signaling server running');
}
