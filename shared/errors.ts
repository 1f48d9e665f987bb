/**
 * Turning any thrown value into words for a person: an `Error`'s message, or the value
 * itself. One place, so every notification and form reads errors the same way.
 */

/** The message of a thrown value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
