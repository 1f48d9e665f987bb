/**
 * The presenter view of a review (`/reviews/<id>/present`), outside the app's frame so the
 * projector shows the phase and nothing else. It follows the workspace the app has open.
 */
import { Anchor, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { selectEntity } from '../data/document-store';
import { Presenter } from '../reviews/presenter';
import { useDocument, useSession } from '../workspaces/session-store';

/** The presenter view of a review. */
export function ReviewPresentScreen() {
  const { reviewId = '' } = useParams();
  const status = useSession((state) => state.status);
  const review = useDocument((state) => selectEntity(state, 'reviews', reviewId));
  const live = review !== undefined && review.deletedAt === null ? review : undefined;
  return (
    <main id="main-content">
      {live ? (
        <Presenter key={live.id} review={live} />
      ) : (
        <Container size="sm" py="xl">
          <Stack>
            <Title order={1}>Presenter view</Title>
            {status === 'open' ? (
              <Text>This review does not exist in the open workspace, or it is in the trash.</Text>
            ) : status === 'failed' ? (
              <Text>The workspace could not be opened.</Text>
            ) : status === 'closed' ? (
              <Text>No workspace is open.</Text>
            ) : (
              <Group gap="sm" role="status">
                <Loader size="sm" aria-hidden />
                <Text>Opening the workspace…</Text>
              </Group>
            )}
            <Anchor component={Link} to="/reviews">
              All reviews
            </Anchor>
          </Stack>
        </Container>
      )}
    </main>
  );
}
