import { Button, Text, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@contract/errors';
import type { ChosenFile, FileKind } from '@contract/files';
import { call, hasFileDialog, uploadFile } from '../api/client';
import { errorCodeOf } from '../i18n/errors';

const accepted: Record<FileKind, string> = { outpostDatabase: '.sqlite' };

/**
 * Chooses a file and hands over only its handle: the OS dialog in the desktop app, a file picker
 * and an upload in a browser. Closing either without a file does nothing.
 */
export function ChooseFileButton({
  kind,
  label,
  disabled = false,
  onChosen,
}: {
  kind: FileKind;
  label: string;
  disabled?: boolean;
  onChosen: (file: NonNullable<ChosenFile>) => void;
}) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const choose = async (get: () => Promise<ChosenFile>) => {
    setBusy(true);
    setError(null);
    try {
      const file = await get();
      if (file) onChosen(file);
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="default"
        disabled={disabled}
        loading={busy}
        onClick={() =>
          hasFileDialog() ? void choose(() => call('files.chooseOpen', { kind })) : picker.current?.click()
        }
      >
        {label}
      </Button>
      {!hasFileDialog() && (
        <VisuallyHidden>
          <input
            ref={picker}
            type="file"
            accept={accepted[kind]}
            tabIndex={-1}
            aria-label={label}
            onChange={(event) => {
              const [file] = event.currentTarget.files ?? [];
              event.currentTarget.value = '';
              if (file) void choose(() => uploadFile(file));
            }}
          />
        </VisuallyHidden>
      )}
      {error && <Text c="var(--mantine-color-error)">{t(`errors.${error}`)}</Text>}
    </>
  );
}
