import { Text, Textarea, type TextareaProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';

/**
 * A note or reason with a live count of its characters. Nothing typed or pasted is ever cut: past
 * the limit the count says how much to shorten, and the form's check refuses to save it.
 */
export function LimitedTextarea({ limit, length, ...props }: TextareaProps & { limit: number; length: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const over = length - limit;
  return (
    <Textarea
      {...props}
      inputContainer={(input) => (
        <>
          {input}
          {/* Announced only once it matters, not at every key. */}
          <Text
            mt={4}
            ta="right"
            c={over > 0 ? 'var(--mantine-color-error)' : 'gray.8'}
            fw={over > 0 ? 700 : undefined}
            aria-live={over > 0 ? 'polite' : 'off'}
          >
            {over > 0
              ? t('text.overLimit', { count: over, over: format.number(over), limit: format.number(limit) })
              : t('text.characterCount', { length: format.number(length), limit: format.number(limit) })}
          </Text>
        </>
      )}
    />
  );
}
