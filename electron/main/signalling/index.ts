/**
 * The LAN signalling server (issue 8): what the main process and its IPC handlers use.
 */
export {
  createSignallingController,
  parseStartOptions,
  type SignallingController,
  type SignallingControllerDeps,
  type SignallingStartOptions,
  type SignallingStatus,
} from './signalling-controller';
export {
  CloseCode,
  DEFAULT_SIGNALLING_LIMITS,
  DEFAULT_SIGNALLING_PORT,
  startSignallingServer,
  type SignallingLimits,
  type SignallingServer,
  type SignallingServerOptions,
  type SignallingStats,
} from './signalling-server';
export { joinAddresses, lanAddresses, type AddressScope, type JoinAddress } from './lan-addresses';
