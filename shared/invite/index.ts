/**
 * Invites to a team workspace and signalling addresses (issue 8 item 1 and 2).
 */
export * from './invite';
