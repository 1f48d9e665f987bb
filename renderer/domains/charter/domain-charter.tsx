/**
 * A domain's charter page (framework §2 "Clear boundaries", §3 "Support structures", §7
 * "Threshold adjustments"): where the domain sits (its parents and sub-domains, from the
 * shared hierarchy engine), then one section per part of the charter. The page's header
 * buttons (edit basics, dependency map, metrics, trash) are `DomainActions`; a domain that is gone
 * shows `MissingDomain`.
 */
import { useMoveToTrash } from '../../components/use-move-to-trash';
import { Anchor, Badge, Breadcrumbs, Button, Group, List, Stack, Text } from '@mantine/core';
import { BarChart3, Network, Pencil, SearchX, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ancestorsOf, domainTree, flattenDomainTree } from '@shared/domains/hierarchy';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../../components/empty-state';
import { useDocument } from '../../workspaces/session-store';
import { DomainFormDialog } from '../domain-form-dialog';
import { AgreementsSection } from './agreements-section';
import { ConstraintsSection } from './constraints-section';
import { MetricsSection } from './metrics-section';
import { PeopleSection } from './people-section';
import { GuidelinesSection, ResponsibilitySection } from './prose-section';
import { CharterSection } from './section';
import { SupportSection } from './support-section';
import { ThresholdSection } from './threshold-section';

const levelLabels = { individual: 'Individual', team: 'Team', domain: 'Domain' } as const;

/** The header buttons of a domain's page: edit its basics, see it on the map, move it to the trash. */
export function DomainActions({ domain }: { domain: Entity<'domains'> }) {
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Entity<'domains'> | null>(null);

  const trash = useMoveToTrash();
  const moveToTrash = () => {
    if (trash('domains', domain.id, domain.name)) void navigate('/domains');
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<Pencil size={16} aria-hidden />}
        onClick={() => setEditing(domain)}
        disabled={readOnly}
      >
        Edit basics
      </Button>
      <Button component={Link} to="/domains/map" variant="subtle" leftSection={<Network size={16} aria-hidden />}>
        Show on the dependency map
      </Button>
      <Button
        component={Link}
        to={`/metrics?${new URLSearchParams({ domain: domain.id }).toString()}`}
        variant="subtle"
        leftSection={<BarChart3 size={16} aria-hidden />}
      >
        Open this domain's metrics
      </Button>
      <Button
        variant="subtle"
        color="red"
        leftSection={<Trash2 size={16} aria-hidden />}
        onClick={moveToTrash}
        disabled={readOnly}
      >
        Move to trash
      </Button>
      <DomainFormDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** What the page shows for an id that is unknown or in the trash. */
export function MissingDomain() {
  return (
    <EmptyState
      icon={SearchX}
      title="This domain does not exist or is in the trash"
      action={
        <Group gap="md">
          <Anchor component={Link} to="/domains" underline="always">
            Go to Domains
          </Anchor>
          <Anchor component={Link} to="/trash" underline="always">
            Open the trash
          </Anchor>
        </Group>
      }
    >
      The link may be old, or someone moved the domain to the trash. A domain in the trash can be restored from there.
    </EmptyState>
  );
}

function Placement({ domain }: { domain: Entity<'domains'> }) {
  const domainMap = useDocument((state) => state.entities.domains);
  const { ancestors, children } = useMemo(() => {
    const all = [...domainMap.values()];
    const node = flattenDomainTree(domainTree(all)).find((entry) => entry.domain.id === domain.id);
    return {
      ancestors: ancestorsOf(all, domain.id)
        .reverse()
        .map((id) => domainMap.get(id))
        .filter((entry) => entry !== undefined),
      children: node?.children.map((child) => child.domain) ?? [],
    };
  }, [domainMap, domain.id]);

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <Badge variant="light" size="lg">
          <span className="visually-hidden">Autonomy level: </span>
          {levelLabels[domain.level]}
        </Badge>
        <nav aria-label="Breadcrumb">
          <Breadcrumbs separator="›" separatorMargin={6}>
            <Anchor component={Link} to="/domains" size="sm">
              Domains
            </Anchor>
            {ancestors.map((ancestor) =>
              ancestor.deletedAt === null ? (
                <Anchor key={ancestor.id} component={Link} to={`/domains/${ancestor.id}`} size="sm">
                  {ancestor.name}
                </Anchor>
              ) : (
                <Text key={ancestor.id} size="sm" c="dimmed">
                  {ancestor.name} (in the trash)
                </Text>
              ),
            )}
            <Text size="sm" aria-current="page">
              {domain.name}
            </Text>
          </Breadcrumbs>
        </nav>
      </Group>
      {children.length > 0 ? (
        <CharterSection id="subdomains" title="Sub-domains" description="Teams and areas that sit inside this domain.">
          <List spacing={4}>
            {children.map((child) => (
              <List.Item key={child.id}>
                <Anchor component={Link} to={`/domains/${child.id}`}>
                  {child.name}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({levelLabels[child.level]})
                </Text>
              </List.Item>
            ))}
          </List>
        </CharterSection>
      ) : null}
    </Stack>
  );
}

/** The charter of a live domain, section by section. */
export function DomainCharter({ domain }: { domain: Entity<'domains'> }) {
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const props = { domain, readOnly };
  return (
    <Stack gap="lg">
      <Placement domain={domain} />
      <ResponsibilitySection {...props} />
      <PeopleSection {...props} />
      <MetricsSection {...props} />
      <ConstraintsSection {...props} />
      <GuidelinesSection {...props} />
      <AgreementsSection {...props} />
      <SupportSection {...props} />
      <ThresholdSection {...props} />
    </Stack>
  );
}
