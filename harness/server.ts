/**
 * The harness: serves the built renderer and the same contract over HTTP, on 127.0.0.1 only,
 * backed by the same core worker and a real SQLite file. It lets the real UI run in any browser
 * where the Electron binary is missing (this machine, CI). A development and test tool: it never
 * listens on another address.
 *
 * Who may call the API: only the page it served. The page gets a random per-run token in a
 * <meta> tag; a request needs that token, a loopback Host (no DNS rebinding) and, when the
 * browser sends one, the harness's own Origin. Files go the same way: `POST /files/upload` turns
 * a file the page picked into a handle, and `POST /files/download` gives back a file a job wrote
 * through a handle from `files.chooseSave`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import type { Actor, Envelope } from '../db/contract/envelope';
import { createGateway, type HostHandlers } from '../db/runtime/gateway';
import { openInBackground, sourceWorkerEntry, type OpeningCore, type WorkerEntry } from '../db/runtime/core-client';
import type { CoreOptions } from '../db/runtime/core';
import { errorMessages, type ErrorCode } from '../db/contract/errors';
import { withExtension } from '../db/contract/files';
import { contentTypes, securityHeaders } from '../electron/main/app-protocol';
import { databaseFileName } from '../electron/main/paths';

export const loopbackHost = '127.0.0.1';
const maxBodyBytes = 1024 * 1024;
const defaultMaxUploadBytes = 200 * 1024 * 1024;

/** A file's own name as the browser sent it, to show; never a folder, never control characters. */
function uploadedName(header: string | string[] | undefined): string {
  let text = typeof header === 'string' ? header : '';
  try {
    text = decodeURIComponent(text);
  } catch {
    text = '';
  }
  // A name to show is one plain line: control characters go.
  const plain = [...basename(text.replace(/\\/g, '/'))].filter(
    (character) => character >= ' ' && character !== '\u007f',
  );
  const name = plain.join('').slice(0, 200);
  return name === '' ? 'upload' : name;
}

/** Streams the request body into `path`, stopping at `limit` bytes: false when it was larger. */
async function saveUpload(request: IncomingMessage, path: string, limit: number): Promise<boolean> {
  const file = createWriteStream(path, { flags: 'wx' });
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        tooLarge = true;
        break;
      }
      if (!file.write(chunk)) await once(file, 'drain');
    }
  } finally {
    await new Promise<void>((resolve) => file.end(resolve));
  }
  if (tooLarge) await rm(path, { force: true });
  return !tooLarge;
}

export interface HarnessOptions {
  databasePath: string;
  /** Where "try with demo data" goes; by default beside the program's database. */
  demoDatabasePath?: string;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  demo?: boolean;
  appVersion?: string;
  worker?: WorkerEntry;
  /** The largest file `POST /files/upload` takes; 200 MB unless a test says less. */
  maxUploadBytes?: number;
  /**
   * Serve the page at once, while the database opens (it shows how far a conversion is), instead
   * of only once it is open. A database that cannot be opened is then reported on the page.
   */
  serveWhileOpening?: boolean;
}

export interface Harness {
  url: string;
  token: string;
  databasePath: string;
  /** Closes the current database and opens (creating and migrating) another: tests get a fresh one each. */
  useDatabase(databasePath: string, options?: { demo?: boolean }): Promise<void>;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function refusal(code: ErrorCode, message: string = errorMessages[code]): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function refuse(response: ServerResponse, status: number): void {
  sendJson(response, status, refusal('forbidden_sender'));
}

/** A download's name in both header forms: plain ASCII for old clients, UTF-8 for the rest. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const coreOptions = (databasePath: string, demo: boolean): CoreOptions => ({
    databasePath,
    appVersion: options.appVersion ?? 'harness',
    demo,
  });
  let programDatabasePath = options.demo ? undefined : options.databasePath;
  const demoDatabasePath =
    options.demoDatabasePath ??
    (options.demo ? options.databasePath : join(dirname(options.databasePath), databaseFileName(true)));
  const workerEntry = options.worker ?? sourceWorkerEntry();
  // Until the core is open, the gateway answers only `system.opening`: nothing here needs the core sooner.
  let opening: OpeningCore = openInBackground(workerEntry, coreOptions(options.databasePath, options.demo ?? false));
  /** The default staff member acts until sign-in; nobody is known until the staff table is open. */
  const actor = (): Actor => ({ staffId: opening.current()?.info.defaultStaffId ?? '' });
  // Uploads, and the files the core writes for the page to download: all gone when the harness stops.
  const fileStore = await mkdtemp(join(tmpdir(), 'outpost-harness-files-'));
  const maxUploadBytes = options.maxUploadBytes ?? defaultMaxUploadBytes;
  /** Files the core was asked to write, by handle: the page downloads each once its job is done. */
  const downloads = new Map<string, { path: string; name: string }>();
  const hostHandlers: HostHandlers = {
    // A browser has no file dialog to open from here: the page uploads the file instead.
    'files.chooseOpen': async () => refusal('file_dialog_unavailable'),
    // ...nor a folder to write into: files the core writes reach the person as downloads.
    'files.chooseFolder': async () => refusal('file_dialog_unavailable'),
    'files.chooseSave': async (input) => {
      const name = withExtension(input.suggestedName, input.kind);
      const folder = join(fileStore, randomBytes(16).toString('hex'));
      await mkdir(folder);
      const path = join(folder, name);
      const chosen = opening.opened().grantFile(path, 'write', name);
      downloads.set(chosen.handle, { path, name });
      return { ok: true, data: chosen };
    },
    'system.switchDataSet': async (input) => {
      const target = input.demo ? demoDatabasePath : programDatabasePath;
      if (!target) {
        return refusal('invalid_value', 'This harness was started on demo data only.');
      }
      if (target !== harness.databasePath) await harness.useDatabase(target, { demo: input.demo });
      return { ok: true, data: { demo: input.demo, databasePath: target } };
    },
  };
  let gateway = createGateway(opening, hostHandlers);
  const rendererRoot = normalize(options.rendererDir);
  const indexHtml = (await readFile(join(rendererRoot, 'index.html'), 'utf8')).replace(
    '</head>',
    `  <meta name="outpost-harness-token" content="${token}" />\n  </head>`,
  );

  let origin = '';
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      console.error('[outpost harness]', error);
      if (!response.headersSent) sendJson(response, 500, refusal('internal_error'));
    });
  });

  /** A file the page uploads becomes a handle, as a file chosen in a dialog does; its path stays here. */
  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) return refuse(response, 415);
    const name = uploadedName(request.headers['x-outpost-file-name']);
    const path = join(fileStore, randomBytes(16).toString('hex'));
    if (!(await saveUpload(request, path, maxUploadBytes))) {
      return sendJson(response, 413, refusal('file_too_large'));
    }
    const core = opening.current();
    if (!core) return sendJson(response, 503, refusal('core_unavailable'));
    sendJson(response, 200, { ok: true, data: core.grantFile(path, 'read', name) });
  }

  /** A file a job wrote for the page, sent as a download under the name it was saved as. */
  async function download(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(response, 415);
    const body = await readBody(request);
    let handle: unknown;
    try {
      handle = (JSON.parse(body ?? '') as { handle?: unknown }).handle;
    } catch {
      handle = undefined;
    }
    const file = typeof handle === 'string' ? downloads.get(handle) : undefined;
    const size = file
      ? await stat(file.path).then(
          (found) => found.size,
          () => null,
        )
      : null;
    if (!file || size === null) return sendJson(response, 404, refusal('file_not_found'));
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': attachment(file.name),
      'Cache-Control': 'no-store',
    });
    for await (const chunk of createReadStream(file.path)) {
      if (!response.write(chunk)) await once(response, 'drain');
    }
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (`http://${host}` !== origin) return refuse(response, 403);
    const url = new URL(request.url ?? '/', origin);

    if (url.pathname.startsWith('/api/') || url.pathname === '/files/upload' || url.pathname === '/files/download') {
      if (request.method !== 'POST') return refuse(response, 405);
      const requestOrigin = request.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin) return refuse(response, 403);
      if (!sameToken(token, request.headers['x-outpost-token'] as string | undefined)) return refuse(response, 403);
      if (url.pathname === '/files/upload') return upload(request, response);
      if (url.pathname === '/files/download') return download(request, response);
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(response, 415);
      const body = await readBody(request);
      if (body === null) return sendJson(response, 413, refusal('invalid_value', 'The request is too large.'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(response, 400, refusal('invalid_value', 'The request is not valid JSON.'));
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      return sendJson(response, 200, await gateway.invoke(channel, input, actor()));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405);
    const relative = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) return sendJson(response, 404, { error: 'not found' });
    if (file === join(rendererRoot, 'index.html')) {
      response.writeHead(200, {
        ...securityHeaders,
        'Content-Type': contentTypes['.html'],
        'Cache-Control': 'no-store',
      });
      response.end(indexHtml);
      return;
    }
    try {
      const content = await readFile(file);
      response.writeHead(200, {
        ...securityHeaders,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      });
      response.end(content);
    } catch {
      sendJson(response, 404, { error: 'not found' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, loopbackHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${loopbackHost}:${port}`;

  const harness: Harness = {
    url: `${origin}/`,
    token,
    databasePath: options.databasePath,
    async useDatabase(databasePath, switchOptions = {}) {
      const demo = switchOptions.demo ?? false;
      await opening.current()?.close();
      opening = openInBackground(workerEntry, coreOptions(databasePath, demo));
      gateway = createGateway(opening, hostHandlers);
      await opening.connection;
      if (!demo) programDatabasePath = databasePath;
      harness.databasePath = databasePath;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await opening.current()?.close();
      await rm(fileStore, { recursive: true, force: true });
    },
  };

  if (options.serveWhileOpening) {
    opening.connection.catch((error: unknown) =>
      console.error(`Outpost cannot open its database: ${(error as Error).message}`),
    );
  } else {
    try {
      await opening.connection;
    } catch (error) {
      await harness.close();
      throw error;
    }
  }
  return harness;
}
