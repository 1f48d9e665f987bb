/**
 * Chooses the platform once, at start-up: Electron when the preload bridge is present,
 * the browser otherwise. Components read it through `usePlatform()`.
 */
import { createContext, useContext } from 'react';
import type { LatitudeBridge } from '@shared/ipc/contract';
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload script. */
    readonly latitude?: LatitudeBridge;
  }
}

/** Detects the host and builds its platform. */
export function detectPlatform(): Platform {
  if (window.latitude) return createElectronPlatform(window.latitude);
  return createBrowserPlatform({
    document,
    window,
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    appVersion: __APP_VERSION__,
  });
}

/** The platform for the component tree; provided once in the app root. */
export const PlatformContext = createContext<Platform | null>(null);

/** The current platform. Throws when used outside the app root, which is a programming error. */
export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform() needs a <PlatformContext.Provider> above it.');
  return platform;
}

export type { Platform } from './platform';
