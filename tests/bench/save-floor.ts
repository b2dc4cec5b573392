/**
 * The fair floor for a save: what SQLite alone takes to write exactly the rows the core writes.
 * Which rows those are is found, not listed by hand: temporary triggers on every table record
 * each row one core save inserts or updates (upserts of rollups and balances included). The floor
 * then replays those writes with plain prepared statements on the same connection (same pragmas,
 * same indexes, same triggers) in one immediate transaction, with fresh ids wherever the core made
 * new ones, so each replay is a new save. `checkFloor` records a replay the same way and refuses
 * one that writes other rows than the core did (a schema trigger firing twice, say).
 */
import type { Sqlite } from '../../db/platform/database';
import { newId } from '../../db/platform/ids';
import type { SqliteStatement } from '../../db/platform/sqlite-driver';

type SqlValue = string | number | null;
type Row = Record<string, SqlValue>;

export interface CapturedWrite {
  table: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
}

interface TableShape {
  name: string;
  columns: string[];
  /** Primary key columns in key order; empty for a rowid table without one. */
  key: string[];
  /** The column that is the rowid (INTEGER PRIMARY KEY), which SQLite numbers by itself. */
  rowidAlias: string | null;
  /** Columns that are unique on their own: a value the save inserts there is a new id. */
  uniqueColumns: Set<string>;
  /** Columns referencing another table's rowid key, by the table they reference. */
  keyReferences: Map<string, string>;
  withoutRowid: boolean;
}

const rowidKey = '__rowid__';
const blobMark = '__blob__:';

/** A captured value as SQLite is to be given it again. */
function stored(value: SqlValue): SqlValue | Buffer {
  return typeof value === 'string' && value.startsWith(blobMark)
    ? Buffer.from(value.slice(blobMark.length), 'hex')
    : value;
}
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tableShapes(sqlite: Sqlite): Map<string, TableShape> {
  const tables = sqlite
    .prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string; sql: string }[];
  return new Map(
    tables.map(({ name, sql }) => {
      const info = sqlite.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(name) as {
        name: string;
        type: string;
        pk: number;
      }[];
      const key = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
      const withoutRowid = /WITHOUT\s+ROWID/i.test(sql);
      const rowidAlias =
        !withoutRowid && key.length === 1 && key[0]!.type.toUpperCase() === 'INTEGER' ? key[0]!.name : null;
      const uniqueColumns = new Set<string>();
      const indexes = sqlite.prepare(`SELECT name, "unique" AS isUnique FROM pragma_index_list(?)`).all(name) as {
        name: string;
        isUnique: number;
      }[];
      for (const index of indexes) {
        if (index.isUnique !== 1) continue;
        const columns = sqlite.prepare(`SELECT name FROM pragma_index_info(?)`).all(index.name) as { name: string }[];
        if (columns.length === 1) uniqueColumns.add(columns[0]!.name);
      }
      if (key.length === 1) uniqueColumns.add(key[0]!.name);
      const keyReferences = new Map<string, string>();
      const references = sqlite
        .prepare(`SELECT "from" AS column, "table" AS target, "to" AS targetColumn FROM pragma_foreign_key_list(?)`)
        .all(name) as { column: string; target: string; targetColumn: string | null }[];
      for (const reference of references) {
        if (reference.targetColumn === 'key') keyReferences.set(reference.column, reference.target);
      }
      return [
        name,
        {
          name,
          columns: info.map((column) => column.name),
          key: key.map((column) => column.name),
          rowidAlias,
          uniqueColumns,
          keyReferences,
          withoutRowid,
        },
      ];
    }),
  );
}

/** Runs `work` with every row write to the main database recorded, in the order SQLite made them. */
export function captureWrites<T>(sqlite: Sqlite, work: () => T): { value: T; writes: CapturedWrite[] } {
  const shapes = tableShapes(sqlite);
  const triggers: string[] = [];
  sqlite.exec(
    `CREATE TEMP TABLE bench_writes (seq INTEGER PRIMARY KEY, table_name TEXT, op TEXT, before_row TEXT, after_row TEXT)`,
  );
  try {
    for (const shape of shapes.values()) {
      const rowJson = (ref: 'OLD' | 'NEW') => {
        // JSON holds no bytes: a blob (an audit hash) travels as marked hex.
        const value = (column: string) =>
          `CASE typeof(${ref}.${quote(column)}) WHEN 'blob' THEN '${blobMark}' || hex(${ref}.${quote(column)}) ELSE ${ref}.${quote(column)} END`;
        const pairs = shape.columns.map((column) => `'${column}', ${value(column)}`);
        if (shape.key.length === 0 && !shape.withoutRowid) pairs.push(`'${rowidKey}', ${ref}.rowid`);
        return `json_object(${pairs.join(', ')})`;
      };
      for (const op of ['insert', 'update', 'delete'] as const) {
        const trigger = quote(`bench_capture_${shape.name}_${op}`);
        const before = op === 'insert' ? 'NULL' : rowJson('OLD');
        const after = op === 'delete' ? 'NULL' : rowJson('NEW');
        sqlite.exec(
          `CREATE TEMP TRIGGER ${trigger} AFTER ${op.toUpperCase()} ON main.${quote(shape.name)} BEGIN
             INSERT INTO temp.bench_writes (table_name, op, before_row, after_row)
             VALUES ('${shape.name}', '${op}', ${before}, ${after});
           END`,
        );
        triggers.push(trigger);
      }
    }
    const value = work();
    const rows = sqlite
      .prepare(`SELECT table_name, op, before_row, after_row FROM temp.bench_writes ORDER BY seq`)
      .all() as { table_name: string; op: CapturedWrite['op']; before_row: string | null; after_row: string | null }[];
    return {
      value,
      writes: rows.map((row) => ({
        table: row.table_name,
        op: row.op,
        before: row.before_row === null ? null : (JSON.parse(row.before_row) as Row),
        after: row.after_row === null ? null : (JSON.parse(row.after_row) as Row),
      })),
    };
  } finally {
    for (const trigger of triggers) sqlite.exec(`DROP TRIGGER IF EXISTS temp.${trigger}`);
    sqlite.exec(`DROP TABLE IF EXISTS temp.bench_writes`);
  }
}

/** How many rows of each table a save inserts (+) and updates (~), e.g. "stock_movements +10". */
export function describeWrites(writes: readonly CapturedWrite[]): string[] {
  const counts = new Map<string, number>();
  for (const write of writes) {
    const key = `${write.table} ${write.op === 'insert' ? '+' : write.op === 'update' ? '~' : '-'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key}${count}`);
}

interface PlannedWrite {
  statement: SqliteStatement;
  values: SqlValue[];
  /** Positions in `values` holding another table's key, and that table. */
  keyReferences: { index: number; table: string }[];
  /** For an insert SQLite numbers: the table and the key the core's row got, mapped to the replay's. */
  numbered: { table: string; key: number } | null;
}

export interface Floor {
  /** The same writes as the captured save, with new ids, in one transaction. */
  save(): void;
  writes: number;
}

function referencesIn(shape: TableShape, columns: readonly string[]): { index: number; table: string }[] {
  return columns.flatMap((column, index) => {
    const table = shape.keyReferences.get(column);
    return table === undefined ? [] : [{ index, table }];
  });
}

/**
 * The floor for the captured writes. Rows are written as the core left them (same columns, same
 * values, so the same bytes), except new ids: a value the save inserted into a unique column
 * gets a new id on every replay, and so does every reference to it.
 */
export function planFloor(sqlite: Sqlite, writes: readonly CapturedWrite[]): Floor {
  const shapes = tableShapes(sqlite);
  const newIds = new Set<string>();
  for (const write of writes) {
    if (write.op !== 'insert' || !write.after) continue;
    const shape = shapes.get(write.table)!;
    for (const column of shape.uniqueColumns) {
      const value = write.after[column];
      if (typeof value === 'string') newIds.add(value);
    }
  }

  const statements = new Map<string, SqliteStatement>();
  const prepared = (sqlText: string) => {
    let statement = statements.get(sqlText);
    if (!statement) {
      statement = sqlite.prepare(sqlText);
      statements.set(sqlText, statement);
    }
    return statement;
  };
  const planned: PlannedWrite[] = writes.map((write) => {
    const shape = shapes.get(write.table)!;
    const table = quote(write.table);
    if (write.op === 'insert') {
      const row = write.after!;
      const columns = Object.keys(row).filter((column) => column !== shape.rowidAlias && column !== rowidKey);
      const sqlText = `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      const numberedKey = shape.rowidAlias === null ? undefined : row[shape.rowidAlias];
      return {
        statement: prepared(sqlText),
        values: columns.map((column) => row[column] ?? null),
        keyReferences: referencesIn(shape, columns),
        numbered: typeof numberedKey === 'number' ? { table: write.table, key: numberedKey } : null,
      };
    }
    if (write.op === 'update') {
      const before = write.before!;
      const after = write.after!;
      const key = shape.key.length > 0 ? shape.key : [rowidKey];
      const changed = Object.keys(after).filter(
        (column) => column !== rowidKey && JSON.stringify(after[column]) !== JSON.stringify(before[column]),
      );
      // An update that changes nothing still rewrites the row, as the core's did.
      const set = changed.length > 0 ? changed : [shape.columns.find((column) => !key.includes(column))!];
      const where = key.map((column) => `${column === rowidKey ? 'rowid' : quote(column)} = ?`).join(' AND ');
      const sqlText = `UPDATE ${table} SET ${set.map((column) => `${quote(column)} = ?`).join(', ')} WHERE ${where}`;
      return {
        statement: prepared(sqlText),
        values: [...set.map((column) => after[column] ?? null), ...key.map((column) => before[column] ?? null)],
        keyReferences: referencesIn(shape, [...set, ...key]),
        numbered: null,
      };
    }
    throw new Error(`A save deleted a row of ${write.table}: the floor has no fresh equivalent of a delete.`);
  });

  const replay = sqlite.transaction(() => {
    const renamed = new Map<string, string>();
    const fresh = (value: SqlValue): SqlValue => {
      if (typeof value !== 'string' || !newIds.has(value)) return value;
      let id = renamed.get(value);
      if (id === undefined) {
        id = newId();
        renamed.set(value, id);
      }
      return id;
    };
    // Rows SQLite numbers get new keys, and every reference to one of them follows.
    const keys = new Map<string, Map<number, number>>();
    for (const write of planned) {
      const values: (SqlValue | Buffer)[] = write.values.map((value) => stored(fresh(value)));
      for (const { index, table } of write.keyReferences) {
        const value = values[index];
        if (typeof value === 'number') values[index] = keys.get(table)?.get(value) ?? value;
      }
      const { lastInsertRowid } = write.statement.run(...values);
      if (write.numbered) {
        const numbered = keys.get(write.numbered.table) ?? new Map<number, number>();
        numbered.set(write.numbered.key, Number(lastInsertRowid));
        keys.set(write.numbered.table, numbered);
      }
    }
  });
  return { save: () => replay.immediate(), writes: planned.length };
}

/** Refuses a floor that writes other rows than the core: the comparison would not be fair. */
export function checkFloor(sqlite: Sqlite, floor: Floor, coreWrites: readonly CapturedWrite[]): void {
  const { writes } = captureWrites(sqlite, () => floor.save());
  const core = describeWrites(coreWrites).join(', ');
  const replayed = describeWrites(writes).join(', ');
  if (core !== replayed) throw new Error(`The floor wrote ${replayed}, where the core's save wrote ${core}.`);
}
