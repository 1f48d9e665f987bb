/**
 * The app's top-level sections: sidebar entries, routes, keyboard shortcuts and the
 * application-menu commands that open them, in one list so they cannot drift apart.
 */
import type { LucideIcon } from 'lucide-react';
import { BarChart3, CalendarCheck, Gauge, GitFork, LifeBuoy, Scale, Settings, Trash2 } from 'lucide-react';
import type { MenuCommand } from '@shared/ipc/contract';

/** One entry of the sidebar. */
export interface Section {
  path: string;
  label: string;
  icon: LucideIcon;
  /** The menu command that opens this section, if the application menu has one. */
  command?: MenuCommand;
  /** Digit used with Ctrl/Cmd to open the section, if any. */
  shortcut?: string;
}

/** The main sections, in sidebar order. */
export const mainSections: readonly Section[] = [
  { path: '/dashboard', label: 'Dashboard', icon: Gauge, command: 'navigate:dashboard', shortcut: '1' },
  { path: '/domains', label: 'Domains', icon: GitFork, command: 'navigate:domains', shortcut: '2' },
  { path: '/decisions', label: 'Decisions', icon: Scale, command: 'navigate:decisions', shortcut: '3' },
  { path: '/reviews', label: 'Reviews', icon: CalendarCheck, command: 'navigate:reviews', shortcut: '4' },
  { path: '/metrics', label: 'Metrics', icon: BarChart3, command: 'navigate:metrics', shortcut: '5' },
  { path: '/settings', label: 'Settings', icon: Settings, command: 'navigate:settings', shortcut: '6' },
];

/** The sections shown apart at the bottom of the sidebar. */
export const footerSections: readonly Section[] = [
  { path: '/trash', label: 'Trash', icon: Trash2 },
  { path: '/help', label: 'Help', icon: LifeBuoy, command: 'navigate:help' },
];

/** Every section. */
export const allSections: readonly Section[] = [...mainSections, ...footerSections];

/** The path a menu command opens. */
export function pathForCommand(command: MenuCommand): string | undefined {
  return allSections.find((section) => section.command === command)?.path;
}
