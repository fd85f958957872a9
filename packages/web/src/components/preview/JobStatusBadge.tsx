import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { jobStatusColor } from './job-status.js';

/**
 * The state of a job the editor follows (an analysis, a render): queued, running, done, failed,
 * or (a render) superseded by a newer save.
 */
export function JobStatusBadge({ status, testId }: { status: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={jobStatusColor(status)} data-testid={testId}>
      {t(`editor.renderStatus.${status}`)}
    </Badge>
  );
}
