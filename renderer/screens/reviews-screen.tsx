import { CalendarCheck } from 'lucide-react';
import { SectionScreen } from './section-screen';

/** Reviews: weekly, monthly and quarterly (framework §9). */
export function ReviewsScreen() {
  return (
    <SectionScreen
      title="Reviews"
      description="Weekly, monthly and quarterly reviews, prepared from your own figures."
      icon={CalendarCheck}
      emptyTitle="No reviews held yet"
      helpTopic="reviews"
      emptyText="After a week of recorded decisions, hold your first weekly review: decision patterns, value created, resources used and quick wins, run phase by phase, even offline."
    />
  );
}
