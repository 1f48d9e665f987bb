/**
 * What a person sees when a screen fails to render: what happened, and a way back. Data
 * is not touched; reloading the window starts the screen again.
 */
import { Alert, Button, Code, Container, Group, Stack, Title } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The error screen for the router. */
export function RouteErrorScreen() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>Something went wrong</Title>
        <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="This screen could not be shown">
          Your data is safe: nothing was changed. <Code>{describe(error)}</Code>
        </Alert>
        <Group>
          <Button onClick={() => window.location.reload()}>Reload</Button>
          <Button variant="default" component="a" href="#/dashboard">
            Go to the dashboard
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
