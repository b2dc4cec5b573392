/**
 * Entries filed on the days of another time zone (the program's zone was changed after they were
 * logged): the Program tab says how many and over which days, and offers to re-file them on their
 * days in the program's zone, once confirmed. Figures of those days and months change, so it is
 * offered only while none of their months is closed (the core refuses otherwise).
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefilePreview } from '@contract/settings';
import { call } from '../../api/client';
import { queryKeys, useAllowed } from '../../api/queries';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Under the settings' key: a saved time zone refreshes what would move. */
const previewKey = [...queryKeys.settings, 'refilePreview'] as const;

function useRefilePreview(allowed: boolean) {
  return useQuery({ queryKey: previewKey, queryFn: () => call('settings.refilePreview', {}), enabled: allowed });
}

function Offer({ preview, onRefiled }: { preview: RefilePreview; onRefiled: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refile = useMutation({
    mutationFn: () => call('settings.refile', { timeZone: preview.timeZone }),
    // The entries' days changed: the lists show them on their new days.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.settings }),
        queryClient.invalidateQueries({ queryKey: queryKeys.encounters }),
        queryClient.invalidateQueries({ queryKey: queryKeys.participants }),
      ]),
    // Refused (the zone changed meanwhile): what would move is asked again, beside the reason.
    onError: () => queryClient.invalidateQueries({ queryKey: previewKey }),
  });
  const words = {
    count: preview.entries,
    formatted: format.number(preview.entries),
    zone: preview.timeZone,
    from: format.date(preview.firstDate!),
    to: format.date(preview.lastDate!),
  };
  const closed = preview.closedMonths.length > 0;

  const confirm = async () => {
    try {
      const refiled = await refile.mutateAsync();
      setConfirming(false);
      onRefiled(
        t('settings.program.refile.done', {
          count: refiled.entries,
          formatted: format.number(refiled.entries),
          zone: refiled.timeZone,
        }),
      );
    } catch {
      // The refusal shows below; nothing was changed.
    }
  };

  return (
    <Alert color="yellow" variant="outline" title={t('settings.program.refile.heading')}>
      <Stack gap="sm">
        <Text>
          {preview.previousTimeZone === null
            ? t('settings.program.refile.notice', words)
            : t('settings.program.refile.noticeFrom', { ...words, previous: preview.previousTimeZone })}
        </Text>
        {closed ? (
          <Text>{t('settings.program.refile.closed', { months: format.list(preview.closedMonths) })}</Text>
        ) : confirming ? (
          <Stack gap="xs">
            <Text fw={700}>{t('settings.program.refile.confirmText', words)}</Text>
            <Group gap="sm">
              <Button color="yellow.9" loading={refile.isPending} onClick={() => void confirm()}>
                {t('settings.program.refile.confirm', words)}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('settings.program.refile.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button variant="default" onClick={() => setConfirming(true)}>
              {t('settings.program.refile.button', words)}
            </Button>
          </Group>
        )}
        <ErrorAlert code={refile.isError ? errorCodeOf(refile.error) : undefined} />
      </Stack>
    </Alert>
  );
}

/**
 * Nothing at all while nothing is misfiled, and for those who may not re-file. Its confirmation
 * goes to the Program form's status, where its saves are confirmed.
 */
export function RefileNotice({ onRefiled }: { onRefiled: (message: string) => void }) {
  const allowed = useAllowed('settings.refile');
  const preview = useRefilePreview(allowed);
  if (!preview.data || preview.data.entries === 0) return null;
  return <Offer key={preview.data.timeZone} preview={preview.data} onRefiled={onRefiled} />;
}
