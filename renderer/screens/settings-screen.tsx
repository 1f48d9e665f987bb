/**
 * Settings: your name (for history entries), appearance (follows the system unless
 * chosen), keyboard shortcuts, sync (signalling servers), and facts about this installation, including where its
 * data lives.
 */
import { describeError } from '@shared/errors';
import {
  Anchor,
  Button,
  Card,
  Group,
  Kbd,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Screen } from '../components/screen';
import { usePlatform } from '../platform';
import type { PlatformInfo } from '../platform/platform';
import { mainSections } from '../app/sections';
import { SignallingSettingsCard } from '../sync/signalling-settings';
import { FALLBACK_USER_NAME, MAX_USER_NAME_LENGTH, useLocalUserName } from '../domains/use-local-user';

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

/** The name this device's person signs history entries with (threshold changes and the like). */
function YourNameCard() {
  const { status, name, error: loadError, save } = useLocalUserName();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? name;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value.trim().length > MAX_USER_NAME_LENGTH) {
      setError(`Use at most ${MAX_USER_NAME_LENGTH} characters.`);
      return;
    }
    save(value).then(
      () => {
        setDraft(null);
        setError(null);
        setSaved(true);
      },
      (reason: unknown) => setError(describeError(reason)),
    );
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="your-name-heading">
      <form onSubmit={submit} noValidate aria-labelledby="your-name-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="your-name-heading">
            Your name
          </Title>
          <Text size="sm" id="your-name-help">
            Shown in history entries, such as who changed a domain's decision thresholds. It stays on this device until
            you make such a change. Without a name, entries say “{FALLBACK_USER_NAME}”.
          </Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Your name"
              aria-describedby="your-name-help"
              value={value}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
                setSaved(false);
                setError(null);
              }}
              error={error ?? loadError}
              disabled={status === 'loading'}
              maw={360}
              style={{ flexGrow: 1 }}
            />
            <Button type="submit" disabled={status === 'loading'}>
              Save name
            </Button>
          </Group>
          <Text size="sm" role="status">
            {saved ? `Saved. New history entries will show “${name === '' ? FALLBACK_USER_NAME : name}”.` : null}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

/** The settings screen. */
export function SettingsScreen() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
  return (
    <Screen title="Settings" description="How Latitude looks and behaves on this device.">
      <YourNameCard />
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
      <SignallingSettingsCard />
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
