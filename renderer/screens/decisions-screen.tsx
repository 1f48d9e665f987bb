import { Scale } from 'lucide-react';
import { SectionScreen } from './section-screen';

/** Decisions: classified autonomous, consultative or collaborative (framework §1, §3). */
export function DecisionsScreen() {
  return (
    <SectionScreen
      title="Decisions"
      description="Every decision, classified by its impact as autonomous, consultative or collaborative."
      icon={Scale}
      emptyTitle="No decisions recorded yet"
      helpTopic="decisions"
      emptyText="Once your domains are set up, record decisions here. Latitude works out from the cost, reach, horizon and reversibility whether you can decide alone, should seek advice, or decide together."
    />
  );
}
