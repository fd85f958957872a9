import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The state of a job the editor follows (an analysis, a render): queued, running, done or failed. */
export function JobStatusBadge({ status, testId }: { status: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'done' ? 'teal' : status === 'failed' ? 'red' : 'blue'} data-testid={testId}>
      {t(`editor.renderStatus.${status}`)}
    </Badge>
  );
}
