import { ActionIcon } from '@mantine/core';

/** An icon button that removes one row of a list (a supply line, a kit component, a reversal report). */
export function RemoveButton({ label, onClick, mt = 26 }: { label: string; onClick: () => void; mt?: number }) {
  return (
    <ActionIcon variant="default" size="lg" mt={mt} aria-label={label} onClick={onClick}>
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
    </ActionIcon>
  );
}
