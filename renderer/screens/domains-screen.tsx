import { GitFork } from 'lucide-react';
import { SectionScreen } from './section-screen';

/** Domains: areas of responsibility with clear boundaries (framework §1, §2). */
export function DomainsScreen() {
  return (
    <SectionScreen
      title="Domains"
      description="Areas of responsibility with clear boundaries, owners and limits."
      icon={GitFork}
      emptyTitle="No domains yet"
      helpTopic="boundaries"
      emptyText="Start by naming the areas your people and teams own. Each domain gets a charter: what it is responsible for, its success metrics, its budget, and the agreements it has with other domains."
    />
  );
}
