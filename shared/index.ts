/**
 * The public surface of shared/: pure TypeScript used by both the Electron main process
 * and the renderer. Nothing here imports React, zustand, Dexie, Yjs or Electron.
 */
export * from './decisions';
export * from './domains';
export * from './ipc/contract';
export * from './review';
export * from './security/content-security-policy';
export * from './workspace/workspace-meta';
