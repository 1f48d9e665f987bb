/**
 * A workspace's entry in the local registry: what the switcher lists. The workspace's
 * content (domains, decisions, reviews…) lives in its own Yjs document, not here.
 */
import { z } from 'zod';

/** Personal workspaces never leave this device; team workspaces can be shared. */
export const workspaceKinds = ['personal', 'team'] as const;

/** What a person types when creating or renaming a workspace. */
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the workspace a name.')
  .max(80, 'Keep the name to 80 characters or fewer.');

/** The fields a person chooses for a new workspace. */
export const newWorkspaceSchema = z.object({
  name: workspaceNameSchema,
  kind: z.enum(workspaceKinds, { message: 'Choose personal or team.' }),
});

/** A workspace as stored in the registry. */
export const workspaceMetaSchema = newWorkspaceSchema.extend({
  id: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  /** When it was moved to the trash; null (or absent, in entries from before the trash) while live. */
  deletedAt: z.number().int().nonnegative().nullable().default(null),
});

/** The kind of a workspace. */
export type WorkspaceKind = (typeof workspaceKinds)[number];
/** What the create form produces. */
export type NewWorkspace = z.output<typeof newWorkspaceSchema>;
/** A registry entry. */
export type WorkspaceMeta = z.output<typeof workspaceMetaSchema>;

/** Parses with `schema`, or throws an `Error` whose message is the first problem, in words. */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(result.error.issues[0]?.message ?? 'The workspace is not valid.');
}

/**
 * Makes a registry entry from what a person entered. Id and time are passed in so this
 * stays pure; invalid input throws an `Error` that says what is wrong.
 */
export function createWorkspaceMeta(input: NewWorkspace, id: string, now: number): WorkspaceMeta {
  const parsed = parseOrThrow(newWorkspaceSchema, input);
  return { ...parsed, id, createdAt: now, updatedAt: now, deletedAt: null };
}

/** The same workspace under a new name. Throws an `Error` saying what is wrong when the name is invalid. */
export function renameWorkspaceMeta(workspace: WorkspaceMeta, name: string, now: number): WorkspaceMeta {
  return { ...workspace, name: parseOrThrow(workspaceNameSchema, name), updatedAt: now };
}

/** The same workspace moved to the trash (`at` a time) or back out of it (`at` null). */
export function trashWorkspaceMeta(workspace: WorkspaceMeta, at: number | null, now: number): WorkspaceMeta {
  return { ...workspace, deletedAt: at, updatedAt: now };
}
