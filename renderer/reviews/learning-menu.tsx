/**
 * "Turn into…": a learning from a review (a note, a group of notes, a discussed item) becomes a
 * draft decision, a draft experiment (a decision of kind "experiment"), or a draft proposal to
 * change the decision limits (a "process improvements" decision of the review's domain), whose
 * context says which review and topic it came from. The new record is linked right here, so
 * the review can go on.
 */
import { Alert, Anchor, Button, Menu } from '@mantine/core';
import { FilePlus2, FlaskConical, Gauge, Lightbulb } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useWriteFailure } from '../domains/charter/section';
import { useSession } from '../workspaces/session-store';
import { learningToDecision, type LearningTarget } from './review-actions';
import { useReview, withRepository } from './review-context';

/** What the confirmation says for each kind of record made. */
const createdTitles: Record<LearningTarget, string> = {
  decision: 'Draft decision created',
  experiment: 'Draft experiment created',
  'threshold-change': 'Proposal created',
};

/**
 * The menu for one learning; `subject` says which for screen readers (the button reads
 * "Turn into… (the note "…")", its visible text first).
 */
export function LearningMenu({ text, topicTitle, subject }: { text: string; topicTitle: string; subject: string }) {
  const { review, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const [created, setCreated] = useState<{ id: string; title: string; target: LearningTarget } | null>(null);
  const turn = (target: LearningTarget) =>
    attempt(() => {
      const decision = withRepository(repository, (repo) =>
        learningToDecision(repo, review, { text, topicTitle }, target, Date.now()),
      );
      setCreated({ id: decision.id, title: decision.title, target });
    });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<Lightbulb size={14} aria-hidden />}
            aria-label={`Turn into… (${subject})`}
            disabled={readOnly}
            className="review-no-print"
          >
            Turn into…
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<FilePlus2 size={14} aria-hidden />} onClick={() => turn('decision')}>
            A draft decision
          </Menu.Item>
          <Menu.Item leftSection={<FlaskConical size={14} aria-hidden />} onClick={() => turn('experiment')}>
            An experiment
          </Menu.Item>
          <Menu.Item leftSection={<Gauge size={14} aria-hidden />} onClick={() => turn('threshold-change')}>
            A proposal to change the decision limits
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {created !== null ? (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setCreated(null)}
          className="review-no-print"
          title={createdTitles[created.target]}
        >
          <Anchor component={Link} to={`/decisions/${created.id}`}>
            {created.title}
          </Anchor>
        </Alert>
      ) : null}
      {failure ? (
        <Alert color="red" role="alert" className="review-no-print">
          {failure}
        </Alert>
      ) : null}
    </>
  );
}
