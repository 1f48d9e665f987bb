/**
 * Settings: appearance (follows the system unless chosen), keyboard shortcuts, and facts
 * about this installation, including where its data lives.
 */
import { describeError } from '@shared/errors';
import {
  Anchor,
  Card,
  Kbd,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Screen } from '../components/screen';
import { usePlatform } from '../platform';
import type { PlatformInfo } from '../platform/platform';
import { mainSections } from '../app/sections';

const schemes: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function AboutCard() {
  const platform = usePlatform();
  const [info, setInfo] = useState<PlatformInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    platform.getInfo().then(
      (value) => live && setInfo(value),
      (reason: unknown) => live && setError(describeError(reason)),
    );
    return () => {
      live = false;
    };
  }, [platform]);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="about-heading">
      <Title order={2} size="h4" id="about-heading" mb="sm">
        About this installation
      </Title>
      {error ? (
        <Text c="red" role="alert">
          Could not read the app's details: {error}
        </Text>
      ) : info ? (
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>Version</Table.Th>
              <Table.Td>{info.version}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Running as</Table.Th>
              <Table.Td>{info.kind === 'electron' ? 'Desktop app' : 'Web app in a browser'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>System</Table.Th>
              <Table.Td style={{ wordBreak: 'break-word' }}>{info.system}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Data is kept in</Table.Th>
              <Table.Td style={{ wordBreak: 'break-word' }}>{info.dataLocation}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Skeleton height={96} aria-label="Loading the app's details" />
      )}
    </Card>
  );
}

/** The settings screen. */
export function SettingsScreen() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
  return (
    <Screen title="Settings" description="How Latitude looks and behaves on this device.">
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="appearance-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="appearance-heading">
            Appearance
          </Title>
          <Text size="sm" c="dimmed" id="theme-help">
            System follows your computer's light or dark setting.
          </Text>
          <SegmentedControl
            aria-label="Theme"
            aria-describedby="theme-help"
            value={colorScheme}
            onChange={setColorScheme}
            data={schemes}
            maw={360}
          />
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="shortcuts-heading">
        <Title order={2} size="h4" id="shortcuts-heading" mb="sm">
          Keyboard shortcuts
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Keys</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mainSections.map((section) => (
              <Table.Tr key={section.path}>
                <Table.Td>
                  <Kbd>{mod}</Kbd> + <Kbd>{section.shortcut}</Kbd>
                </Table.Td>
                <Table.Td>Open {section.label}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>
                <Kbd>Tab</Kbd> / <Kbd>Shift</Kbd> + <Kbd>Tab</Kbd>
              </Table.Td>
              <Table.Td>Move between controls</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="workspaces-heading">
        <Title order={2} size="h4" id="workspaces-heading" mb="xs">
          Workspaces
        </Title>
        <Text size="sm" mb="sm">
          Rename, back up, import, move to the trash or restore the workspaces on this device.
        </Text>
        <Anchor component={Link} to="/workspaces">
          Manage workspaces
        </Anchor>
      </Card>
      <AboutCard />
    </Screen>
  );
}
