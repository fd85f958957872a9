import type { ReactNode } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/describe-error.js';

/** A portal page's data: a loader, the error in the client's words, or the page. */
export function PortalQuery<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (query.isError)
    return (
      <Alert color="red" role="alert">
        {describeError(query.error, t)}
      </Alert>
    );
  return <>{children(query.data)}</>;
}
