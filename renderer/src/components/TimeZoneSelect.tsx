/**
 * A program's time zone, picked from the IANA zones the core accepts (the same list), searched by
 * any part of the name: "los angeles", "Chicago", "america/". An abbreviation ("PST") or an
 * offset matches nothing, since neither says which daylight-time rules apply.
 */
import { Select, type ComboboxItem, type ComboboxParsedItem } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { systemTimeZone, timeZoneNamed, timeZoneNames } from '@contract/calendar';

/** "America/Los_Angeles" as a person reads it: "America/Los Angeles". */
export function timeZoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}

/** The computer's own zone, as the list names it; UTC when the list does not know it. */
export function computerTimeZone(): string {
  return timeZoneNamed(systemTimeZone()) ?? 'UTC';
}

const searchable = (text: string) => text.toLowerCase().replaceAll('_', ' ');

/** Zones whose name holds every word typed, at most `limit` of them. */
function zonesMatching(options: ComboboxParsedItem[], search: string, limit: number): ComboboxParsedItem[] {
  const words = searchable(search).split(/\s+/).filter(Boolean);
  const matching = options.filter((option) => {
    const label = searchable((option as ComboboxItem).label);
    return words.every((word) => label.includes(word));
  });
  return matching.slice(0, limit);
}

export interface TimeZoneSelectProps {
  label: string;
  description?: string | undefined;
  value: string;
  onChange: (zone: string) => void;
  onBlur?: (() => void) | undefined;
  error?: string | undefined;
}

export function TimeZoneSelect({ label, description, value, onChange, onBlur, error }: TimeZoneSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const data = useMemo(() => timeZoneNames().map((zone) => ({ value: zone, label: timeZoneLabel(zone) })), []);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value === '' ? null : value}
      onChange={(zone) => {
        if (zone) onChange(zone);
      }}
      onBlur={onBlur}
      searchable
      onSearchChange={setSearch}
      allowDeselect={false}
      limit={100}
      maxDropdownHeight={280}
      filter={({ options, search: typed, limit }) => zonesMatching(options, typed, limit)}
      nothingFoundMessage={t('timeZone.nothingFound', { search })}
      error={error}
      spellCheck={false}
      autoComplete="off"
    />
  );
}

/** The program's time zone in a form whose `timeZone` field holds it, labelled as the settings name it. */
export function TimeZoneField<Values extends FieldValues & { timeZone: string }, Output>({
  control,
  error,
}: {
  control: Control<Values, unknown, Output>;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={'timeZone' as Path<Values>}
      render={({ field }) => (
        <TimeZoneSelect
          label={t('settings.program.timeZone')}
          description={t('settings.program.timeZoneHint')}
          value={field.value as string}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={error}
        />
      )}
    />
  );
}
