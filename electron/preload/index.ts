/**
 * The preload script: runs sandboxed before the page, in its own JavaScript world, and
 * exposes `window.latitude` (see bridge.ts). It must stay free of Node imports: a
 * sandboxed preload only has Electron's `contextBridge` and `ipcRenderer`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('latitude', createBridge(ipcRenderer));
