// The package ships its typings but its "exports" map hides them from TypeScript; the typed
// re-export lives in db/sqlite-driver.ts. Import the driver from there, never directly.
declare module 'better-sqlite3-multiple-ciphers';
