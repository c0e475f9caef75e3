import { expect, test, type Page } from '@playwright/test';
import { expectDatasetsLoaded } from './app';
import { startStaticHost } from './static-host';

// Collects the page's Content-Security-Policy violations (a blocked style, script or request shows up here).
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`),
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

// The service worker is part of what this spec checks (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('the page carries a Content-Security-Policy without eval or other origins', async ({
  page,
  request,
}) => {
  const response = await page.goto('/');
  // Static hosts that read `_headers` send the same policy as the preview server.
  const headersFile = await (await request.get('_headers')).text();
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content', { timeout: 5_000 });
  const header = response?.headers()['content-security-policy'] ?? null;
  expect(headersFile).toBe(
    `/*\n  Content-Security-Policy: ${header}\n` +
      '  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n',
  );
  for (const policy of [meta, header]) {
    expect(policy).not.toBeNull();
    const directives = new Map(
      (policy ?? '').split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // WebAssembly may be compiled (the CPU kernels); JavaScript eval may not.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect([...directives.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain('*');
  }
});

test('eval and new Function are refused by the policy', async ({ page }) => {
  await page.goto('/');
  // The attempts run in a timer callback: code that DevTools evaluates directly is exempt from the policy.
  const outcomes = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) =>
        setTimeout(() =>
          resolve(
            // eslint-disable-next-line no-eval, no-new-func -- these are the calls the policy must refuse
            [() => eval('1'), () => new Function('return 1')()].map((run) => {
              try {
                return `ran: ${run()}`;
              } catch (error) {
                return `${(error as Error).name}: ${(error as Error).message}`;
              }
            }),
          ),
        ),
      ),
  );
  expect(outcomes).toHaveLength(2);
  for (const outcome of outcomes) expect(outcome).toMatch(/^EvalError: .*Content Security Policy/);
});

test('the page is cross-origin isolated and may compile WebAssembly under the policy', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  // In a timer callback, as above: code DevTools evaluates directly is exempt from the policy.
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          // The smallest module: magic number and version.
          const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
          WebAssembly.compile(empty).then(
            () => resolve(`compiled; isolated ${crossOriginIsolated}; shared ${typeof SharedArrayBuffer}`),
            (error: Error) => resolve(`${error.name}: ${error.message}`),
          );
        }),
      ),
  );
  expect(outcome).toBe('compiled; isolated true; shared function');
});

test('no request leaves the origin, and nothing the app does violates the policy', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const urls: string[] = [];
  // The context sees the page's requests and those of its training worker and service worker.
  context.on('request', (request) => urls.push(request.url()));
  await recordViolations(page);
  await page.goto('/');
  await expectDatasetsLoaded(page, 60_000);
  await expect(page.getByTestId('backend')).toHaveText('WebGPU');
  // One training step runs the worker's WebGPU path under the policy too.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d{3}$/, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');

  expect(urls.length).toBeGreaterThan(0);
  const foreign = urls.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('the policy blocks a request to another origin before it is sent', async ({ page, context }) => {
  const sent: string[] = [];
  context.on('request', (request) => sent.push(request.url()));
  await recordViolations(page);
  await page.goto('/');
  const outcome = await page.evaluate(() =>
    fetch('https://example.com/tracker.gif').then(
      () => 'fetched',
      (error: Error) => `${error.name}: ${error.message}`,
    ),
  );
  expect(outcome).toMatch(/^TypeError/);
  expect(await violations(page)).toContain('connect-src blocked https://example.com/tracker.gif');
  expect(sent.filter((url) => url.includes('example.com'))).toEqual([]);
});

test.describe('on a static host that sends no headers', () => {
  test.use({ serviceWorkers: 'block' });

  test('the training worker is under the policy too: eval and new Function are refused there', async ({
    page,
  }) => {
    const host = await startStaticHost();
    try {
      const worker = page.waitForEvent('worker');
      await page.goto(host.url);
      // Another origin, so the automatic choice: WebAssembly on SwiftShader until a design is measured.
      await expect(page.getByTestId('backend')).toHaveText(/^(WebGPU|WebAssembly)$/, { timeout: 60_000 });
      // In a timer callback: code DevTools evaluates directly is exempt from the policy.
      const outcomes = await (
        await worker
      ).evaluate(
        () =>
          new Promise<string[]>((resolve) =>
            setTimeout(() =>
              resolve(
                // eslint-disable-next-line no-eval, no-new-func -- these are the calls the policy must refuse
                [() => eval('1'), () => new Function('return 1')()].map((run) => {
                  try {
                    return `ran: ${run()}`;
                  } catch (error) {
                    return (error as Error).name;
                  }
                }),
              ),
            ),
          ),
      );
      expect(outcomes).toEqual(['EvalError', 'EvalError']);
      // The page has no header to lean on: only the built page's meta tag carries the policy.
      const response = await page.request.get(host.url);
      expect(response.headers()['content-security-policy']).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});
