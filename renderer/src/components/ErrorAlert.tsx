import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../i18n/errors';

/** A refusal no field can show, in words, announced as it appears; nothing when there is none. */
export function ErrorAlert({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  if (code === undefined) return null;
  return (
    <Alert color="red" variant="outline" role="alert">
      <Text c="var(--mantine-color-error)">{t(errorKey(code))}</Text>
    </Alert>
  );
}
