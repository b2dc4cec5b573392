import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appEntryUrl, createAppProtocolHandler, resolveAppFile } from '../../electron/main/app-protocol';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { removeTempDirs, tempDir } from '../support/temp-files';

afterEach(removeTempDirs);

function rendererFolder(): string {
  const root = tempDir();
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Outpost</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  return join(root, 'renderer');
}

describe('the app:// protocol', () => {
  it('serves the built renderer with the strict CSP', async () => {
    const handler = createAppProtocolHandler(rendererFolder());
    const page = await handler(new Request(appEntryUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const script = await handler(new Request('app://outpost/assets/app.js'));
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    const root = rendererFolder();
    // The URL parser folds "/%2e%2e/" away, so this stays inside the folder (and is not found).
    expect(resolveAppFile(root, 'app://outpost/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppFile(root, 'app://outpost/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://another-host/index.html')).toBeNull();
    const handler = createAppProtocolHandler(root);
    expect((await handler(new Request('app://outpost/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://outpost/..%2fsecret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://outpost/missing.js'))).status).toBe(404);
  });

  it('has a policy with no eval, no inline scripts and no remote origins', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicy).not.toMatch(/https?:/);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });
});
