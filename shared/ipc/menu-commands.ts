/**
 * Commands the application menu (main process) sends to the renderer, kept apart from the
 * contract's schemas so the sandboxed preload can import them without bundling zod.
 */
export const menuCommands = [
  'navigate:dashboard',
  'navigate:domains',
  'navigate:decisions',
  'navigate:reviews',
  'navigate:metrics',
  'navigate:settings',
  'navigate:help',
  'edit:undo',
  'edit:redo',
] as const;

/** A command sent from the application menu to the renderer. */
export type MenuCommand = (typeof menuCommands)[number];

/** The event channel that carries menu commands from main to the renderer. */
export const MENU_COMMAND_EVENT = 'menu:command';
