/** The log screen's keyboard shortcuts: their chords, how they are written, and the help overlay listing them. */
import { Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Preset } from '@contract/presets';

export const shortcutKeys = {
  save: 'Mod+Enter',
  anonymous: 'Alt+KeyA',
  newCode: 'Alt+KeyN',
  sameAsLastTime: 'Alt+KeyL',
  encounterMode: 'Alt+KeyT',
  undo: 'Alt+KeyU',
  help: 'F1',
  helpAlternative: 'Mod+Slash',
} as const;

export const presetChord = (index: number) => `Alt+Digit${index + 1}`;

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A chord as people write it: `Alt+KeyA` is "Alt+A", `Mod+Enter` is "Ctrl+Enter" (⌘ on a Mac). */
export function useKeyLabel() {
  const { t } = useTranslation();
  return (chord: string) =>
    chord
      .split('+')
      .map((part) => {
        if (part === 'Mod') return isMac() ? '⌘' : t('keys.ctrl');
        if (part === 'Alt') return isMac() ? '⌥' : t('keys.alt');
        if (part === 'Enter') return t('keys.enter');
        if (part === 'Slash') return '/';
        return part.replace(/^(Key|Digit)/, '');
      })
      .join('+');
}

/** A chord for aria-keyshortcuts, which names keys the way the platform's events do. */
export function ariaShortcut(chord: string): string {
  return chord
    .split('+')
    .map((part) => (part === 'Mod' ? (isMac() ? 'Meta' : 'Control') : part.replace(/^(Key|Digit)/, '')))
    .join('+');
}

export function ShortcutKbd({ chord }: { chord: string }) {
  const keyLabel = useKeyLabel();
  return <Kbd>{keyLabel(chord)}</Kbd>;
}

export function ShortcutsHelp({
  opened,
  presets,
  onClose,
}: {
  opened: boolean;
  presets: readonly Preset[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const keyLabel = useKeyLabel();
  const rows: { keys: string; action: string }[] = [
    { keys: keyLabel(shortcutKeys.save), action: t('shortcuts.save') },
    { keys: keyLabel(shortcutKeys.anonymous), action: t('shortcuts.anonymous') },
    { keys: keyLabel(shortcutKeys.newCode), action: t('shortcuts.newCode') },
    { keys: keyLabel(shortcutKeys.sameAsLastTime), action: t('shortcuts.sameAsLastTime') },
    ...presets.slice(0, 9).map((preset, index) => ({
      keys: keyLabel(presetChord(index)),
      action: t('shortcuts.preset', { name: preset.name }),
    })),
    { keys: keyLabel(shortcutKeys.encounterMode), action: t('shortcuts.mode') },
    { keys: keyLabel(shortcutKeys.undo), action: t('shortcuts.undo') },
    { keys: t('shortcuts.arrowKeys'), action: t('shortcuts.arrowsInSearch') },
    { keys: t('shortcuts.arrowKeys'), action: t('shortcuts.arrowsInQuantity') },
    { keys: t('keys.tab'), action: t('shortcuts.tab') },
    { keys: t('keys.escape'), action: t('shortcuts.escape') },
    { keys: `${keyLabel(shortcutKeys.help)} / ${keyLabel(shortcutKeys.helpAlternative)}`, action: t('shortcuts.help') },
  ];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('shortcuts.close') }}
    >
      <Text mb="sm">{t('shortcuts.intro')}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="35%">{t('shortcuts.keysColumn')}</Table.Th>
            <Table.Th>{t('shortcuts.actionColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.action}>
              <Table.Td>
                <Kbd>{row.keys}</Kbd>
              </Table.Td>
              <Table.Td>{row.action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
