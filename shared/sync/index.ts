/**
 * Peer-to-peer sync of a workspace at any size (issue 8 item 3): framing of large messages
 * (`chunking`), Latitude's own sync exchange over a y-webrtc data channel (`wire`), and the
 * lists of directly connected peers that spare passing updates on (`connected-peers`). The
 * in-memory network in `sim-network` is test support and is not exported here.
 */
export * from './chunking';
export * from './wire';
export * from './connected-peers';
