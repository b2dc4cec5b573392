import { Table, type TableProps } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * A table that shows each row as a stack of "column: value" lines when its columns do not fit the
 * space it has, instead of squeezing them until words break or the page scrolls sideways. Whether
 * they fit depends on the words in them (Spanish runs longer), so it is measured, not guessed from
 * the window's width. Each cell names its column in `data-label`, shown before the value once
 * stacked (styles.css); the header row stays for screen readers.
 */
export function StackingTable({ children, ...props }: TableProps) {
  const frame = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const [stacked, setStacked] = useState(false);

  const measure = useCallback(() => {
    const frameElement = frame.current;
    const tableElement = table.current;
    if (!frameElement || !tableElement) return;
    // Laid out as columns for the measurement (no paint in between): a table grows past 100% only
    // when its columns' narrowest layout is wider than the frame.
    const wasStacked = tableElement.hasAttribute('data-stacked');
    tableElement.removeAttribute('data-stacked');
    const fits = tableElement.getBoundingClientRect().width <= frameElement.getBoundingClientRect().width + 1;
    if (wasStacked) tableElement.setAttribute('data-stacked', '');
    setStacked(!fits);
  }, []);

  // After every render (rows and language change what the columns need) and on every resize.
  useLayoutEffect(measure);
  useEffect(() => {
    const observer = new ResizeObserver(measure);
    if (frame.current) observer.observe(frame.current);
    if (table.current) observer.observe(table.current);
    return () => observer.disconnect();
  }, [measure]);

  return (
    <div ref={frame}>
      <Table ref={table} {...props} className="stacking-table" data-stacked={stacked ? '' : undefined}>
        {children}
      </Table>
    </div>
  );
}
