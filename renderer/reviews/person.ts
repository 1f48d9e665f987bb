/**
 * Who writes a note, places a vote or checks in during a review.
 *
 * On their own laptop a person is the local user: their key is the session's user id and their
 * name the one chosen in Settings. A laptop passed around the room serves several people in
 * turn: the person at the keyboard types their name ("Voting as"), and their key is `name:`
 * followed by the name folded (Unicode NFC, spaces collapsed and trimmed, lower case), so
 * "Ana  Lima" and "ana lima" are one person and keep one budget of votes whichever laptop
 * they use by name. Typing the local user's own name gives the local user.
 *
 * Known limit: someone who votes on their own laptop (by user id) and again by name on another
 * is two people to the vote count, each within their budget.
 */

/** The person acting in a review: the key notes, votes and check-ins are stored under, and a name. */
export interface ReviewPerson {
  key: string;
  name: string;
  /** The local user of this laptop (not a name typed for someone else). */
  local: boolean;
}

/** Prefix of the key of a person given by name. */
export const NAME_KEY_PREFIX = 'name:';

/** A name as compared: NFC, spaces collapsed and trimmed, lower case. */
export function foldName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/** The key of a person given by name (`name:` and the folded name). */
export function nameKey(name: string): string {
  return `${NAME_KEY_PREFIX}${foldName(name)}`;
}

/**
 * The person acting: the local user when `typedName` is empty or is their own name, else the
 * person of that name. Null while no workspace is open (no user id).
 */
export function actingPerson(userId: string | null, localName: string, typedName: string): ReviewPerson | null {
  const typed = typedName.replace(/\s+/g, ' ').trim();
  if (typed !== '' && foldName(typed) !== foldName(localName)) {
    return { key: nameKey(typed), name: typed.slice(0, 200), local: false };
  }
  return userId === null ? null : { key: userId, name: localName, local: true };
}
