/**
 * Imports in the core run downward only: no file imports itself back through others, and the
 * rooms (db/<room>/) form no circle either. Read from the source with TypeScript's own parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const core = join(root, 'db');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string, known: Set<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate)) ?? null;
}

function importGraph(): Map<string, string[]> {
  const files = sourceFiles(core);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.flatMap(({ fileName }) => resolveImport(file, fileName, known) ?? []);
      return [file, targets];
    }),
  );
}

/** One circle in `graph`, as the path around it, or null when there is none. */
function findCircle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle) return circle;
  }
  return null;
}

const roomOf = (file: string) => relative(core, file).split('/')[0]!;

describe('the core import graph', () => {
  it('has no circle between files', () => {
    const circle = findCircle(importGraph());
    expect(circle?.map((file) => relative(root, file)) ?? null).toBeNull();
  });

  it('has no circle between rooms', () => {
    const rooms = new Map<string, Set<string>>();
    for (const [file, targets] of importGraph()) {
      const from = roomOf(file);
      if (!rooms.has(from)) rooms.set(from, new Set());
      for (const target of targets) if (roomOf(target) !== from) rooms.get(from)!.add(roomOf(target));
    }
    const graph = new Map([...rooms].map(([room, targets]) => [room, [...targets]]));
    expect(findCircle(graph)).toBeNull();
    // The contract, at the bottom, imports no other room.
    expect(graph.get('contract')).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });
});
