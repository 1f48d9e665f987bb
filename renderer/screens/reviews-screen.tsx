/**
 * Reviews (`/reviews`, framework §9): weekly, monthly and quarterly reviews, prepared from the
 * workspace's own figures and run phase by phase, with the actions they agreed.
 */
import { Button } from '@mantine/core';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { NewReviewDialog } from '../reviews/new-review-dialog';
import { ReviewsOverview } from '../reviews/reviews-overview';
import { useDocument, useSession } from '../workspaces/session-store';

/** Reviews: weekly, monthly and quarterly (framework §9). */
export function ReviewsScreen() {
  const [creating, setCreating] = useState(false);
  const open = useSession((state) => state.status === 'open');
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const newReview = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setCreating(true)} disabled={readOnly}>
      New review
    </Button>
  );
  return (
    <Screen
      title="Reviews"
      description="Weekly, monthly and quarterly reviews, prepared from your own figures."
      actions={open ? newReview : undefined}
    >
      <WorkspaceGate>
        <ReviewsOverview newReview={newReview} />
        <NewReviewDialog opened={creating} onClose={() => setCreating(false)} />
      </WorkspaceGate>
    </Screen>
  );
}
