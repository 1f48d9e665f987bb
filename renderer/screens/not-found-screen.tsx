import { Button } from '@mantine/core';
import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { Screen } from '../components/screen';

/** Shown for an address that matches no screen. */
export function NotFoundScreen() {
  return (
    <Screen title="Page not found">
      <EmptyState
        icon={Compass}
        title="There is nothing at this address"
        action={
          <Button component={Link} to="/dashboard">
            Go to the dashboard
          </Button>
        }
      >
        The link may be old, or the page may have moved.
      </EmptyState>
    </Screen>
  );
}
