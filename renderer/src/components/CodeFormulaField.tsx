/**
 * The choice of how participant codes are made, each formula with what it asks and a code it
 * builds: the first-run screen and the Program settings ask it the same way.
 */
import { Box, Radio, Stack, Text } from '@mantine/core';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeFormulas } from '@contract/participant-codes';
import { participantCodeFormulas } from '@contract/vocabulary';

export function CodeFormulaField({
  legend,
  radio,
  error,
}: {
  legend: string;
  /** The form's registration of its formula field, shared by every radio. */
  radio: UseFormRegisterReturn;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Text component="legend" fw={700} mb="xs">
        {legend}
      </Text>
      <Stack gap="xs">
        {participantCodeFormulas.map((formula) => (
          <Radio
            key={formula}
            value={formula}
            label={t(`settings.formulas.${formula}.label`)}
            description={`${t(`settings.formulas.${formula}.description`)} ${t('settings.formulaExample', {
              code: codeFormulas[formula].example,
            })}`}
            {...radio}
          />
        ))}
      </Stack>
      {error && (
        <Text c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Box>
  );
}
