import { Box, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { setKitContentsInput, type Item, type KitVersion, type SetKitContentsInput } from '@contract/catalog';
import { queryKeys } from '../../api/queries';
import { useKitContents, useSettingsWrite } from './hooks';
import { ItemOptions } from '../../components/ItemOptions';
import { RemoveButton } from '../../components/RemoveButton';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SavedStatus } from './settingsParts';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';
import { contractResolver, numberFromText } from '../../lib/contractResolver';

interface KitValues {
  components: { itemId: string; units: string }[];
}

const emptyComponent = { itemId: '', units: '' };

/** The form's rows, converted and then checked by the contract's own schema (no self, no repeats). */
export function kitFormSchema(kitId: string) {
  return z
    .object({ components: z.array(z.object({ itemId: z.string(), units: z.string() })) })
    .transform((values): SetKitContentsInput => ({
      itemId: kitId,
      components: values.components.map((row) => ({ itemId: row.itemId, units: numberFromText(row.units) })),
    }))
    .pipe(setKitContentsInput);
}
type KitOutput = z.output<ReturnType<typeof kitFormSchema>>;

const isKitField = (field: string) => /^components\.\d+\.(itemId|units)$/.test(field);

function KitContentsForm({
  kit,
  current,
  choices,
  onSaved,
  onClose,
}: {
  kit: Item;
  current: KitVersion | null;
  /** Items a kit can hold: active items that are not kits, and whatever it holds now. */
  choices: Item[];
  onSaved: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const setContents = useSettingsWrite('items.setKitContents', queryKeys.items);
  const schema = useMemo(() => kitFormSchema(kit.id), [kit.id]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<KitValues, unknown, KitOutput>({
    resolver: contractResolver(schema),
    defaultValues: {
      components: current
        ? current.components.map((component) => ({ itemId: component.itemId, units: String(component.units) }))
        : [{ ...emptyComponent }],
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'components' });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);
  const componentsError = errors.components?.message ?? errors.components?.root?.message;

  const save = async (output: KitOutput) => {
    try {
      const saved = await setContents.mutateAsync(output);
      const unchanged = current !== null && saved.id === current.id;
      onSaved(
        t(unchanged ? 'itemsTab.contentsUnchanged' : 'itemsTab.contentsSaved', {
          name: shown(kit.name),
          version: saved.version,
        }),
      );
    } catch (error) {
      showServerErrors(error, sameNamedField(isKitField), setError);
    }
  };

  return (
    <form
      noValidate
      aria-label={t('itemsTab.contentsOf', { name: shown(kit.name) })}
      onSubmit={(event) => {
        onSaved('');
        void handleSubmit(save)(event);
      }}
    >
      <Stack gap="sm">
        <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
          <Text component="legend" fw={700} mb="xs">
            {t('itemsTab.componentsLegend')}
          </Text>
          <Stack gap="sm">
            {fields.map((field, index) => {
              const number = index + 1;
              const rowErrors = errors.components?.[index];
              return (
                <Group key={field.id} align="flex-start" gap="sm" wrap="nowrap">
                  <NativeSelect
                    label={t('itemsTab.component', { number })}
                    error={errorText(rowErrors?.itemId)}
                    style={{ flex: 1, minWidth: 0 }}
                    {...register(`components.${index}.itemId`)}
                  >
                    <option value="">{t('itemsTab.chooseItem')}</option>
                    <ItemOptions items={choices} />
                  </NativeSelect>
                  <TextInput
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    label={t('itemsTab.componentUnits', { number })}
                    error={errorText(rowErrors?.units)}
                    w={240}
                    {...register(`components.${index}.units`)}
                  />
                  <RemoveButton label={t('itemsTab.removeComponent', { number })} onClick={() => remove(index)} />
                </Group>
              );
            })}
            {componentsError && (
              <Text c="var(--mantine-color-error)" role="alert">
                {t(errorKey(componentsError))}
              </Text>
            )}
            <Group>
              <Button variant="default" onClick={() => append({ ...emptyComponent })}>
                {t('itemsTab.addComponent')}
              </Button>
            </Group>
          </Stack>
        </Box>
        <ErrorAlert code={errors.root?.server?.message} />
        <Group gap="sm">
          <Button type="submit" loading={isSubmitting}>
            {t('itemsTab.saveContents')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('itemsTab.closeContents')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A kit's current version and an editor for its next one (saving makes a new version; old ones stay). */
export function KitContents({ kit, items, onClose }: { kit: Item; items: readonly Item[]; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const contents = useKitContents(kit.id);
  const [message, setMessage] = useState('');

  // Opened from a row's button: move focus here so keyboard and screen reader users follow.
  useEffect(() => heading.current?.focus(), []);

  let body;
  if (contents.isPending) body = <Text>{t('app.loading')}</Text>;
  else if (contents.isError) body = <ErrorAlert code={errorCodeOf(contents.error)} />;
  else {
    const current = contents.data.current;
    const held = new Set(current?.components.map((component) => component.itemId));
    const choices = items.filter((item) => held.has(item.id) || (item.active && !item.isKit));
    body = (
      <>
        {current ? (
          <Stack gap="xs">
            <Text>
              {t('itemsTab.currentVersion', {
                version: current.version,
                name: shown(current.createdBy),
                date: format.dateTime(current.createdAt),
              })}
            </Text>
            <Table aria-label={t('itemsTab.currentContents', { name: shown(kit.name) })} striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('itemsTab.item')}</Table.Th>
                  <Table.Th>{t('itemsTab.unitsPerKit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {current.components.map((component) => (
                  <Table.Tr key={component.itemId}>
                    <Table.Td style={{ overflowWrap: 'break-word' }}>{shown(component.itemName)}</Table.Td>
                    <Table.Td>{format.number(component.units)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : (
          <Text>{t('itemsTab.noContents')}</Text>
        )}
        <KitContentsForm
          key={current?.id ?? 'none'}
          kit={kit}
          current={current}
          choices={choices}
          onSaved={setMessage}
          onClose={onClose}
        />
      </>
    );
  }

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} id={headingId} ref={heading} tabIndex={-1}>
          {t('itemsTab.contentsOf', { name: shown(kit.name) })}
        </Title>
        <Text>{t('itemsTab.contentsHint')}</Text>
        <SavedStatus message={message} />
        {body}
      </Stack>
    </Box>
  );
}
