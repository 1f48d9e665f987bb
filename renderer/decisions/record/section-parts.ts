/**
 * What every section of a decision's page shares: writing a patch of the decision as one
 * intent (one undo step), keeping the error for the form to show.
 */
import type { EntityFieldsInput } from '../../data/repository';
import { useWriteFailure } from '../../domains/charter/section';
import { useSession } from '../../workspaces/session-store';

/** A change to some fields of a decision. */
export type DecisionPatch = Partial<EntityFieldsInput<'decisions'>>;

/** Returns `write(patch)`, which answers whether the patch was saved, and the last failure. */
export function useDecisionWriter(decisionId: string) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const write = (patch: DecisionPatch): boolean =>
    attempt(() => {
      if (!repository) throw new Error('No workspace is open.');
      repository.update('decisions', decisionId, patch);
    });
  return { failure, write };
}

/** The text of an optional date field: null when empty. */
export function dateOrNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}
