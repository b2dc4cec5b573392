/** File names inside the OS user-data folder. The demo database is always a separate file. */
export function databaseFileName(demo: boolean): string {
  return demo ? 'outpost-demo.sqlite' : 'outpost.sqlite';
}
