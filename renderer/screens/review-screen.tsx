/**
 * One review's page (issue 7 "review process"): prepared from the workspace's data, run phase
 * by phase, with its report. An id that is unknown or in the trash gets a clear message.
 */
import { useParams } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectEntity } from '../data/document-store';
import { MissingReview, ReviewPage } from '../reviews/review-page';
import { useDocument, useSession } from '../workspaces/session-store';

/** A review's page. */
export function ReviewScreen() {
  const { reviewId = '' } = useParams();
  const open = useSession((state) => state.status === 'open');
  const review = useDocument((state) => selectEntity(state, 'reviews', reviewId));
  const live = review !== undefined && review.deletedAt === null ? review : undefined;
  if (live) return <ReviewPage key={live.id} review={live} />;
  return (
    <Screen title={open ? 'Review not found' : 'Review'}>
      <WorkspaceGate>
        <MissingReview />
      </WorkspaceGate>
    </Screen>
  );
}
