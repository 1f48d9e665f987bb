/**
 * The team's traffic-light thresholds (`/metrics/thresholds`): for each metric, when it is on
 * track (green) and when off track (red), in its own unit (shares and budget use in percent).
 * Changing one writes the workspace's record for that metric (synced like any edit, one undo
 * step); "Use built-in" moves it to the trash; "No light" keeps a record with no values.
 */
import { Alert, Anchor, Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { metricDefinitions, metricGroups, type MetricKey, type MetricUnit } from '@shared/metrics';
import { describeError } from '@shared/errors';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { formatValue } from '../metrics/dashboard/figure-text';
import { checkMetricThresholds, thresholdSettings, type ThresholdSetting } from '../metrics/thresholds';
import { useDocument, useSession } from '../workspaces/session-store';
import { ErrorAlert } from '../components/form-parts';

const groupTitles = { autonomy: 'Autonomy', value: 'Value', health: 'Health' } as const;

/** Whether a unit is typed in percent (shares and budget use). */
function inPercent(unit: MetricUnit): boolean {
  return unit === 'share' || unit === 'ratio';
}

const toInput = (unit: MetricUnit, value: number | undefined): number | string =>
  value === undefined ? '' : inPercent(unit) ? Math.round(value * 10_000) / 100 : value;

const fromInput = (unit: MetricUnit, value: number | string): number | null =>
  value === '' ? null : inPercent(unit) ? Number(value) / 100 : Number(value);

function ThresholdForm({ setting, onClose }: { setting: ThresholdSetting; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const definition = metricDefinitions[setting.metric];
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ green: number | string; red: number | string }>({
    mode: 'controlled',
    initialValues: {
      green: toInput(definition.unit, setting.thresholds?.green),
      red: toInput(definition.unit, setting.thresholds?.red),
    },
  });
  const save = (green: number | null, red: number | null) => {
    try {
      if (!repository) throw new Error('No workspace is open.');
      checkMetricThresholds(setting.metric, green, red);
      const record = setting.record;
      if (record !== null && record.deletedAt === null)
        repository.update('metricThresholds', record.id, { green, red });
      else repository.create('metricThresholds', { metric: setting.metric, green, red });
      onClose();
    } catch (error) {
      setFailure(describeError(error));
    }
  };
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    save(fromInput(definition.unit, form.values.green), fromInput(definition.unit, form.values.red));
  };
  const suffix = inPercent(definition.unit) ? '%' : undefined;
  return (
    <form onSubmit={submit} noValidate aria-label={`Thresholds of ${definition.name}`}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NumberInput label="On track (green) at" suffix={suffix} decimalScale={2} {...form.getInputProps('green')} />
          <NumberInput label="Off track (red) at" suffix={suffix} decimalScale={2} {...form.getInputProps('red')} />
        </Group>
        <Text size="xs" c="dimmed">
          {definition.better === 'higher' ? 'Higher is better.' : 'Lower is better.'} Between the two: watch (amber).
        </Text>
        <ErrorAlert error={failure} />
        <Group justify="flex-end" gap="sm">
          <Button variant="subtle" onClick={() => save(null, null)}>
            No light
          </Button>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Save</Button>
        </Group>
      </Stack>
    </form>
  );
}

function thresholdText(setting: ThresholdSetting): string {
  const { unit } = metricDefinitions[setting.metric];
  if (setting.thresholds === null) return 'No light';
  return `green at ${formatValue(unit, setting.thresholds.green)}, red at ${formatValue(unit, setting.thresholds.red)}`;
}

/** The thresholds screen. */
export function ThresholdsScreen() {
  const records = useDocument((state) => state.entities.metricThresholds);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const repository = useSession((state) => state.session?.repository);
  const live = useDocument((state) => selectLive(state, 'metricThresholds'));
  const [editing, setEditing] = useState<MetricKey | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const settings = thresholdSettings(records.values());
  const reset = (metric: MetricKey) => {
    try {
      if (!repository) throw new Error('No workspace is open.');
      repository.transact(() => {
        for (const record of live) if (record.metric === metric) repository.softDelete('metricThresholds', record.id);
      });
    } catch (error) {
      setFailure(`The thresholds could not be reset: ${describeError(error)}`);
    }
  };
  return (
    <Screen
      title="Metric thresholds"
      description="When each figure on the dashboard is on track, to watch or off track. The whole team shares them."
      actions={
        <Anchor component={Link} to="/metrics">
          Back to the dashboard
        </Anchor>
      }
    >
      <WorkspaceGate>
        <Stack gap="lg">
          {failure ? (
            <Alert color="red" role="alert" withCloseButton onClose={() => setFailure(null)}>
              {failure}
            </Alert>
          ) : null}
          {metricGroups.map((group) => (
            <Table key={group} verticalSpacing="sm" aria-label={`${groupTitles[group]} thresholds`}>
              <Table.Caption>{groupTitles[group]}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Metric</Table.Th>
                  <Table.Th>Thresholds</Table.Th>
                  <Table.Th>Set by</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {settings
                  .filter((setting) => metricDefinitions[setting.metric].group === group)
                  .map((setting) => {
                    const name = metricDefinitions[setting.metric].name;
                    return (
                      <Table.Tr key={setting.metric}>
                        <Table.Td>
                          <Text fw={600}>{name}</Text>
                        </Table.Td>
                        <Table.Td>
                          {editing === setting.metric ? (
                            <ThresholdForm setting={setting} onClose={() => setEditing(null)} />
                          ) : (
                            <Stack gap={2}>
                              <Text size="sm">{thresholdText(setting)}</Text>
                              {setting.problem ? (
                                <Text size="sm" c="red">
                                  {setting.problem}
                                </Text>
                              ) : null}
                            </Stack>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={setting.source === 'team' ? 'blue' : 'gray'}>
                            {setting.source === 'team' ? 'The team' : 'Built in'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {editing === setting.metric ? null : (
                            <Group gap="xs" wrap="nowrap" justify="flex-end">
                              <Button
                                size="xs"
                                variant="default"
                                aria-label={`Change the thresholds of ${name}`}
                                onClick={() => setEditing(setting.metric)}
                                disabled={readOnly}
                              >
                                Change
                              </Button>
                              {setting.record !== null ? (
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  aria-label={`Use the built-in thresholds of ${name}`}
                                  onClick={() => reset(setting.metric)}
                                  disabled={readOnly}
                                >
                                  Use built-in
                                </Button>
                              ) : null}
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
              </Table.Tbody>
            </Table>
          ))}
        </Stack>
      </WorkspaceGate>
    </Screen>
  );
}
