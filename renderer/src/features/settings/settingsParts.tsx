import { Box, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../i18n/errors';

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

/** A settings form's Save (or Add) button, with Cancel while an existing record is being edited. */
export function FormButtons({
  submitting,
  editing,
  addLabel,
  onCancel,
}: {
  submitting: boolean;
  editing: boolean;
  addLabel: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button type="submit" loading={submitting}>
        {editing ? t('settings.saveChanges') : addLabel}
      </Button>
      {editing && (
        <Button variant="default" onClick={onCancel}>
          {t('settings.cancelEdit')}
        </Button>
      )}
    </Group>
  );
}

/**
 * A settings list's confirmation and error, and deactivating or reactivating one of its records
 * (records are never deleted), saying which in the confirmation.
 */
export function useRecordToggle(update: (input: { id: string; active: boolean }) => Promise<unknown>) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [listError, setListError] = useState<string | undefined>(undefined);
  const toggle = async (record: { id: string; name: string; active: boolean }) => {
    setMessage('');
    setListError(undefined);
    try {
      await update({ id: record.id, active: !record.active });
      setMessage(t(record.active ? 'settings.deactivated' : 'settings.reactivated', { name: record.name }));
    } catch (error) {
      setListError(errorCodeOf(error));
    }
  };
  return { message, setMessage, listError, toggle };
}
