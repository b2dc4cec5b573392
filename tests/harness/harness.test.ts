import { SqliteDriver as BetterSqlite3 } from '../../db/platform/sqlite-driver';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { openReadOnlyDatabase } from '../../db/platform/database';
import { openCore } from '../../db/runtime/core';
import { verifyDatabase } from '../../db/system/system';
import { startHarness, type Harness } from '../../harness/server';
import { removeTempDirs, tempDatabasePath, tempDir } from '../support/temp-files';
import { setUpDatabasePath } from '../support/core';

const running: Harness[] = [];

afterEach(async () => {
  for (const harness of running.splice(0)) await harness.close();
  removeTempDirs();
});

async function harnessOnTempFiles(
  options: { maxUploadBytes?: number; serveWhileOpening?: boolean; databasePath?: string } = {},
) {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Outpost</title></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, '..', 'secret.txt'), 'outside');
  const harness = await startHarness({ databasePath: await setUpDatabasePath(), rendererDir, ...options });
  running.push(harness);
  return harness;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}

/** A raw HTTP request, so tests can set headers a browser would (Host, Origin) as an attacker might. */
function send(
  harness: Harness,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  const url = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString(), bytes });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(harness: Harness, channel: string, input: unknown, headers: Record<string, string> = {}) {
  return send(harness, `/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-outpost-token': harness.token, ...headers },
    body: JSON.stringify(input),
  });
}

describe('the harness', () => {
  it('listens on 127.0.0.1 only', async () => {
    const harness = await harnessOnTempFiles();
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with the token and the same CSP as the app', async () => {
    const harness = await harnessOnTempFiles();
    const page = await send(harness, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="outpost-harness-token" content="${harness.token}" />`);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect((await send(harness, '/..%2fsecret.txt')).status).toBe(404);
  });

  it('saves an encounter logged through the API into the SQLite file', async () => {
    const harness = await harnessOnTempFiles();
    const sites = JSON.parse((await api(harness, 'sites.list', {})).body);
    const items = JSON.parse((await api(harness, 'items.list', {})).body);
    const reply = await api(harness, 'encounters.log', {
      siteId: sites.data[0].id,
      occurredAt: new Date().toISOString(),
      participantCode: 'HX0742',
      lines: [{ itemId: items.data[0].id, quantity: 12 }],
    });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { participantCode: 'HX0742' } });

    const file = new BetterSqlite3(harness.databasePath, { readonly: true });
    expect(
      file.prepare('SELECT p.code FROM field_entry_revisions r JOIN participants p ON p.key = r.participant_key').all(),
    ).toEqual([{ code: 'HX0742' }]);
    file.close();
  });

  it('answers bad input with the contract error, not a crash', async () => {
    const harness = await harnessOnTempFiles();
    const reply = await api(harness, 'encounters.list', { limit: 0 });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'limit_invalid', field: 'limit' } });
    const notJson = await send(harness, '/api/sites.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-outpost-token': harness.token },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
  });

  it.each([
    ['no token', { 'x-outpost-token': '' }],
    ['a wrong token', { 'x-outpost-token': 'guess' }],
    ['another page as origin', { origin: 'http://evil.example' }],
    ['a rebound host name', { host: 'evil.example:80' }],
  ])('refuses a call with %s', async (_label, headers) => {
    const harness = await harnessOnTempFiles();
    const reply = await api(harness, 'sites.list', {}, headers);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses other methods on the API', async () => {
    const harness = await harnessOnTempFiles();
    expect((await send(harness, '/api/sites.list')).status).toBe(405);
  });

  it('opens the separate demo database for "try with demo data", and goes back', async () => {
    const harness = await harnessOnTempFiles();
    const programPath = harness.databasePath;
    const switched = JSON.parse((await api(harness, 'system.switchDataSet', { demo: true })).body);
    expect(switched).toMatchObject({ ok: true, data: { demo: true } });
    expect(switched.data.databasePath).not.toBe(programPath);
    const about = JSON.parse((await api(harness, 'system.about', {})).body);
    expect(about.data).toMatchObject({ demo: true, databasePath: switched.data.databasePath });
    const encounters = JSON.parse((await api(harness, 'encounters.list', { limit: 5 })).body);
    expect(encounters.data).toHaveLength(5);

    expect(JSON.parse((await api(harness, 'system.switchDataSet', { demo: false })).body)).toMatchObject({
      ok: true,
      data: { demo: false, databasePath: programPath },
    });
    expect(JSON.parse((await api(harness, 'encounters.list', {})).body)).toEqual({ ok: true, data: [] });
  });

  it('switches to a fresh database on request (each e2e test gets its own)', async () => {
    const harness = await harnessOnTempFiles();
    const sites = JSON.parse((await api(harness, 'sites.list', {})).body);
    const items = JSON.parse((await api(harness, 'items.list', {})).body);
    await api(harness, 'encounters.log', {
      siteId: sites.data[0].id,
      occurredAt: new Date().toISOString(),
      lines: [{ itemId: items.data[0].id, quantity: 1 }],
    });
    await harness.useDatabase(await setUpDatabasePath());
    expect(JSON.parse((await api(harness, 'encounters.list', {})).body)).toEqual({ ok: true, data: [] });
  });
});

/** Uploads `body` as a file the page chose, with the page's token unless `headers` say otherwise. */
function upload(harness: Harness, body: Buffer, headers: Record<string, string> = {}) {
  return send(harness, '/files/upload', {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-outpost-token': harness.token,
      'x-outpost-file-name': encodeURIComponent('C:\\Users\\sam\\backup.sqlite'),
      ...headers,
    },
    body,
  });
}

function download(harness: Harness, handle: string, headers: Record<string, string> = {}) {
  return send(harness, '/files/download', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-outpost-token': harness.token, ...headers },
    body: JSON.stringify({ handle }),
  });
}

/** Starts a job and asks after it until it has ended, as the page does. */
async function jobEnd(harness: Harness, channel: string, input: unknown) {
  const started = JSON.parse((await api(harness, channel, input)).body) as { ok: boolean; data: { jobId: string } };
  expect(started.ok).toBe(true);
  let job: { state: string; result?: unknown } = { state: 'running' };
  while (job.state === 'running') {
    job = (JSON.parse((await api(harness, 'jobs.get', { jobId: started.data.jobId })).body) as { data: typeof job })
      .data;
  }
  return job;
}

describe('the harness while the database opens', () => {
  it('serves the page at once and answers system.opening, then every channel once open', async () => {
    const harness = await harnessOnTempFiles({ serveWhileOpening: true });
    expect((await send(harness, '/')).status).toBe(200);
    const asked = JSON.parse((await api(harness, 'system.opening', {})).body) as { data: { state: string } };
    expect(['opening', 'converting', 'open']).toContain(asked.data.state);
    await expect
      .poll(async () => JSON.parse((await api(harness, 'system.opening', {})).body).data.state, { timeout: 20_000 })
      .toBe('open');
    expect(JSON.parse((await api(harness, 'sites.list', {})).body)).toMatchObject({ ok: true });
  }, 30_000);

  it('says on the page why the database cannot be opened', async () => {
    const databasePath = tempDatabasePath();
    writeFileSync(databasePath, 'not a database, only text');
    const harness = await harnessOnTempFiles({ serveWhileOpening: true, databasePath });
    await expect
      .poll(async () => JSON.parse((await api(harness, 'system.opening', {})).body).data.state, { timeout: 20_000 })
      .toBe('failed');
    expect(JSON.parse((await api(harness, 'sites.list', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'core_unavailable' },
    });
  }, 30_000);

  it('refuses to start where the database cannot be opened, unless asked to serve meanwhile', async () => {
    const databasePath = tempDatabasePath();
    writeFileSync(databasePath, 'not a database, only text');
    await expect(harnessOnTempFiles({ databasePath })).rejects.toThrow();
  }, 30_000);
});

describe('files through the harness', () => {
  it('takes an uploaded file as a handle the core checks it through, never a path', async () => {
    const harness = await harnessOnTempFiles();
    // An Outpost database file, as a copy from another laptop would be.
    const otherPath = tempDatabasePath('other.sqlite');
    (await openCore({ databasePath: otherPath, appVersion: 'test' })).close();
    const uploaded = await upload(harness, readFileSync(otherPath));
    expect(uploaded.status).toBe(200);
    const chosen = JSON.parse(uploaded.body) as { ok: true; data: { handle: string; name: string } };
    expect(chosen.data.name).toBe('backup.sqlite');
    expect(chosen.data.handle).toMatch(/^file:[0-9a-f-]{36}$/);
    expect(uploaded.body).not.toContain(tmpdir());

    const job = await jobEnd(harness, 'system.verifyFile', { file: chosen.data.handle });
    expect(job).toMatchObject({ state: 'done', result: { ok: true } });
  });

  it('gives a file a job wrote back as a download, to its page only, under the name it was saved as', async () => {
    const harness = await harnessOnTempFiles();
    const chooseAnswer = await api(harness, 'files.chooseSave', {
      kind: 'outpostDatabase',
      suggestedName: 'Copia de Eastside',
    });
    expect(chooseAnswer.body).not.toContain(tmpdir());
    const chosen = (JSON.parse(chooseAnswer.body) as { data: { handle: string; name: string } }).data;
    expect(chosen.name).toBe('Copia de Eastside.sqlite');
    // Nothing to download until the job has written it.
    expect((await download(harness, chosen.handle)).status).toBe(404);

    const job = await jobEnd(harness, 'system.saveCopy', { file: chosen.handle });
    expect(job).toMatchObject({ state: 'done', result: { name: 'Copia de Eastside.sqlite' } });
    const downloaded = await download(harness, chosen.handle);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/octet-stream');
    expect(downloaded.headers['content-disposition']).toBe(
      `attachment; filename="Copia de Eastside.sqlite"; filename*=UTF-8''Copia%20de%20Eastside.sqlite`,
    );
    const copyPath = tempDatabasePath('downloaded.sqlite');
    writeFileSync(copyPath, downloaded.bytes);
    const copy = openReadOnlyDatabase(copyPath);
    expect((await verifyDatabase(copy)).ok).toBe(true);
    copy.close();

    expect((await download(harness, chosen.handle, { 'x-outpost-token': 'guess' })).status).toBe(403);
    expect((await download(harness, chosen.handle, { origin: 'https://example.com' })).status).toBe(403);
    expect((await send(harness, '/files/download', { method: 'GET' })).status).toBe(405);
    // Only files written for the page: not an upload, not a handle never given.
    const uploaded = JSON.parse((await upload(harness, Buffer.alloc(10))).body) as { data: { handle: string } };
    for (const handle of [uploaded.data.handle, 'file:01900000-0000-7000-8000-000000000000', '../outpost.sqlite']) {
      const refused = await download(harness, handle);
      expect(refused.status, handle).toBe(404);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'file_not_found' } });
    }
  });

  it('refuses a path typed in where a file goes, and a handle it never gave', async () => {
    const harness = await harnessOnTempFiles();
    for (const file of [tempDatabasePath(), '../outpost.sqlite', 'C:\\outpost.sqlite', 'file:///etc/passwd', '']) {
      expect(JSON.parse((await api(harness, 'system.verifyFile', { file })).body)).toMatchObject({
        ok: false,
        error: { code: 'file_handle_invalid', field: 'file' },
      });
    }
    expect(
      JSON.parse((await api(harness, 'system.verifyFile', { file: 'file:01900000-0000-7000-8000-000000000000' })).body),
    ).toMatchObject({ ok: false, error: { code: 'file_not_found', field: 'file' } });
  });

  it('takes uploads only from its page, and only up to its limit; it has no file dialog', async () => {
    const harness = await harnessOnTempFiles({ maxUploadBytes: 1024 });
    expect((await upload(harness, Buffer.alloc(10), { 'x-outpost-token': 'guess' })).status).toBe(403);
    expect((await upload(harness, Buffer.alloc(10), { origin: 'https://example.com' })).status).toBe(403);
    expect((await upload(harness, Buffer.alloc(10), { 'content-type': 'text/plain' })).status).toBe(415);
    const large = await upload(harness, Buffer.alloc(4096));
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
    expect((await upload(harness, Buffer.alloc(1024))).status).toBe(200);
    for (const [channel, input] of [
      ['files.chooseOpen', { kind: 'outpostDatabase' }],
      ['files.chooseFolder', {}],
    ] as const) {
      expect(JSON.parse((await api(harness, channel, input)).body), channel).toMatchObject({
        ok: false,
        error: { code: 'file_dialog_unavailable' },
      });
    }
  });
});
