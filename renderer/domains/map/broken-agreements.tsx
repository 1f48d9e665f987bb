/**
 * Agreements that point at a domain in the trash or at one this laptop does not know (a
 * peer deleted it while a colleague wrote the agreement, or their change has not arrived
 * yet). The map cannot draw them, so they are listed above it, each with a link to the
 * domain holding the agreement, where it can be changed or removed.
 */
import { Alert, Anchor, List, Text } from '@mantine/core';
import type { BrokenAgreement, InterfaceAgreement } from '@shared/domains/dependency-graph';
import { TriangleAlert } from 'lucide-react';
import { Link } from 'react-router';
import { shortLabel } from './flow-elements';

/** What the list reads of a domain (live or in the trash). */
export interface BrokenListDomain {
  id: string;
  name: string;
  agreements?: Readonly<Record<string, InterfaceAgreement>>;
}

/** The title of the list, also its accessible name. */
export const BROKEN_AGREEMENTS_TITLE = 'Agreements pointing at deleted domains';

function agreementName(domain: BrokenListDomain | undefined, agreementId: string): string {
  const agreement = domain?.agreements?.[agreementId];
  const label = agreement ? agreement.serviceAgreement.trim() || agreement.provides.trim() : '';
  return label === '' ? 'An agreement' : `The agreement “${shortLabel(label, 60)}”`;
}

function goneDomain(broken: BrokenAgreement, byId: ReadonlyMap<string, BrokenListDomain>): string {
  const name = byId.get(broken.brokenDomainId)?.name;
  return broken.reason === 'deleted' && name !== undefined
    ? `${name}, which is in the trash`
    : 'a domain that no longer exists';
}

export interface BrokenAgreementsProps {
  broken: readonly BrokenAgreement[];
  /** Every domain, including those in the trash. */
  domains: readonly BrokenListDomain[];
}

/** The red list of broken agreements; nothing when there are none. */
export function BrokenAgreements({ broken, domains }: BrokenAgreementsProps) {
  if (broken.length === 0) return null;
  const byId = new Map(domains.map((domain) => [domain.id, domain]));
  return (
    <Alert
      color="red"
      variant="light"
      role="region"
      icon={<TriangleAlert size={18} aria-hidden />}
      title={BROKEN_AGREEMENTS_TITLE}
    >
      <List size="sm" spacing={4} aria-label={BROKEN_AGREEMENTS_TITLE}>
        {broken.map((item, index) => {
          const holder = byId.get(item.domainId);
          const what = agreementName(holder, item.agreementId);
          const where =
            item.field === 'otherDomainId'
              ? `is with ${goneDomain(item, byId)}.`
              : `escalates to ${goneDomain(item, byId)}.`;
          return (
            <List.Item key={`${item.domainId}:${item.agreementId}:${item.field}:${item.brokenDomainId}:${index}`}>
              <Anchor component={Link} to={`/domains/${encodeURIComponent(item.domainId)}`} underline="always" fw={600}>
                {holder?.name ?? item.domainId}
              </Anchor>
              : {what} {where}
            </List.Item>
          );
        })}
      </List>
      <Text size="sm" mt="sm">
        Open the domain to change or remove the agreement, or bring the deleted domain back from the{' '}
        <Anchor component={Link} to="/trash" underline="always">
          Trash
        </Anchor>
        .
      </Text>
    </Alert>
  );
}
