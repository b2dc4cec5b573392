/** Two codes side by side with their last visits, and the merge of one into the other. */
import { Alert, Button, Card, Group, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonLimit } from '@contract/fields';
import { mergeParticipantsInput, type DuplicateSide, type ParticipantMerge } from '@contract/participants';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useMerge } from './hooks';
import { useReasonStep } from '../../lib/reasonStep';

// Long codes and names wrap inside their card instead of widening the page.
const wrapLong = { overflowWrap: 'break-word' } as const;

/** One code's visits: how many, and the last one with what went out. */
export function SideCard({ side }: { side: DuplicateSide }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const lastVisit = side.lastVisit;
  return (
    <Card withBorder padding="sm" component="section" aria-label={side.code}>
      <Stack gap={4}>
        <Text fw={700} size="lg" style={wrapLong}>
          {side.code}
        </Text>
        <Text>{t('participants.visits', { count: side.visits, formatted: format.number(side.visits) })}</Text>
        {lastVisit === null ? (
          <Text c="gray.8">{t('participants.noVisits')}</Text>
        ) : (
          <>
            <Text>
              {t('participants.lastVisitOn')}{' '}
              <time dateTime={lastVisit.occurredAt}>{format.dateTime(lastVisit.occurredAt)}</time>
            </Text>
            <Text style={wrapLong}>{t('participants.lastVisitAt', { site: shown(lastVisit.siteName) })}</Text>
            <Text style={wrapLong}>
              {t('participants.lastVisitSupplies', {
                supplies:
                  lastVisit.lines.length === 0
                    ? t('participants.noSupplies')
                    : format.list(
                        lastVisit.lines.map((line) =>
                          t('recent.supplyLine', {
                            quantity: format.number(line.quantity),
                            item: shown(line.itemName),
                          }),
                        ),
                      ),
              })}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The two codes compared, and the merge: which code stays (by default the one with more visits,
 * the code the person is most often known by) and why, required as the core requires it.
 */
export function MergePanel({
  pair,
  onMerged,
  onCancel,
}: {
  pair: readonly [DuplicateSide, DuplicateSide];
  onMerged: (merge: ParticipantMerge) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const merge = useMerge();
  const [a, b] = pair;
  const [staying, setStaying] = useState(b.visits > a.visits ? b.code : a.code);
  // Focus starts at the heading, so the comparison is read before the reason is asked.
  const { reason, setReason, reasonError, formError, reasonField, take } = useReasonStep({ focusReason: false });
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (merge.isPending) return;
    const input = { fromCode: staying === a.code ? b.code : a.code, intoCode: staying, reason };
    await take(mergeParticipantsInput, input, async (checked) => onMerged(await merge.mutateAsync(checked)));
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId} ref={heading} tabIndex={-1}>
        {t('participants.compareHeading', { first: a.code, second: b.code })}
      </Title>
      <SimpleGrid cols={2}>
        <SideCard side={a} />
        <SideCard side={b} />
      </SimpleGrid>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Radio.Group
            label={t('participants.stays')}
            description={t('participants.staysHint')}
            value={staying}
            onChange={setStaying}
          >
            <Stack gap={4} mt={4}>
              {pair.map((side) => (
                <Radio
                  key={side.code}
                  value={side.code}
                  label={t('participants.staysOption', {
                    code: side.code,
                    visits: t('participants.visits', { count: side.visits, formatted: format.number(side.visits) }),
                  })}
                />
              ))}
            </Stack>
          </Radio.Group>
          <LimitedTextarea
            ref={reasonField}
            label={t('participants.mergeReason')}
            description={t('participants.reasonHint')}
            withAsterisk
            aria-required
            rows={2}
            limit={reasonLimit}
            length={reason.length}
            value={reason}
            error={reasonError ? t(errorKey(reasonError)) : undefined}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {formError && (
            <Alert color="red" variant="outline" role="alert">
              <Text c="var(--mantine-color-error)">{t(errorKey(formError))}</Text>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={merge.isPending}>
              {t('participants.merge', { from: staying === a.code ? b.code : a.code, into: staying })}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('participants.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
