/**
 * The platform inside Electron: every call goes through the preload bridge, which the
 * main process answers after checking the sender and validating the arguments. Only here
 * can the renderer host signalling and save its page as a PDF (`printToPDF` in main).
 */
import type { LatitudeBridge } from '@shared/ipc/contract';
import type { Platform } from './platform';

/** Builds the Electron platform on top of the preload's `window.latitude` bridge. */
export function createElectronPlatform(bridge: LatitudeBridge): Platform {
  return {
    kind: 'electron',
    async getInfo() {
      const info = await bridge.app.getInfo();
      return {
        kind: 'electron',
        version: info.version,
        system: `${info.platform}, Electron ${info.electron}`,
        dataLocation: info.userDataPath,
      };
    },
    saveFile: (request) => bridge.dialog.saveFile(request),
    openFile: (request) => bridge.dialog.openFile(request),
    openExternal: async (url) => (await bridge.shell.openExternal({ url })).opened,
    onMenuCommand: (listener) => bridge.menu.onCommand(listener),
    signalling: {
      start: (options = {}) => bridge.signalling.start(options),
      stop: () => bridge.signalling.stop(),
      status: () => bridge.signalling.status(),
    },
    savePdf: (request) => bridge.print.savePdf(request),
  };
}
