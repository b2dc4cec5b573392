import { Alert, Box, Button, Group, Text } from '@mantine/core';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ContractCallError } from '../../api/client';
import { errorKey } from '../../i18n/errors';
import { issuesOf } from '../encounters/encounterForm';

/**
 * Puts a refused save's problems next to the fields they name; anything else goes to the form's
 * own alert. `isField` says which of the core's field names the form shows.
 */
export function showServerErrors<V extends FieldValues>(
  error: unknown,
  isField: (field: string) => boolean,
  setError: UseFormSetError<V>,
): void {
  if (!(error instanceof ContractCallError)) {
    setError('root.server', { type: 'server', message: 'internal_error' });
    return;
  }
  let first = true;
  for (const issue of issuesOf(error.error)) {
    if (issue.field !== undefined && isField(issue.field)) {
      setError(issue.field as Path<V>, { type: 'server', message: issue.code }, { shouldFocus: first });
      first = false;
    } else {
      setError('root.server', { type: 'server', message: issue.code });
    }
  }
}

/** Always in the page, so screen readers announce the confirmation when it appears. */
export function SavedStatus({ message }: { message: string }) {
  return (
    <Box role="status" aria-live="polite">
      {message && (
        <Group gap={6} wrap="nowrap">
          <Text fw={700} c="teal.9">
            {message}
          </Text>
        </Group>
      )}
    </Box>
  );
}

export function ErrorAlert({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  if (code === undefined) return null;
  return (
    <Alert color="red" variant="outline" role="alert">
      <Text c="var(--mantine-color-error)">{t(errorKey(code))}</Text>
    </Alert>
  );
}

/** The Edit and Deactivate/Reactivate buttons of a settings row, named after the record for screen readers. */
export function RecordActions({
  name,
  active,
  onEdit,
  onToggle,
}: {
  name: string;
  active: boolean;
  onEdit: () => void;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button size="sm" variant="default" aria-label={t('settings.editNamed', { name })} onClick={onEdit}>
        {t('settings.edit')}
      </Button>
      <Button
        size="sm"
        variant="default"
        aria-label={t(active ? 'settings.deactivateNamed' : 'settings.reactivateNamed', { name })}
        onClick={onToggle}
      >
        {active ? t('settings.deactivate') : t('settings.reactivate')}
      </Button>
    </Group>
  );
}
