// The built app (bench/dist/app, served at /app/) in the same browser: page load to training, and the longest
// main-thread task while it trains through its TrainerClient and worker, seen by a PerformanceObserver
// ('longtask') installed before any app script runs. The app trains its default network (LeNet-5) with its
// default hyperparameters; the figures are the page's, not the engine's. measureNewcomer is issue 21's
// newcomer without WebGPU: the same app in a browser without it, trained until the test accuracy shown
// reaches a target.
import { withTimeout } from './browser.mjs';

const LONG_TASK_LIMIT_MS = 50;

function observeLongTasks() {
  const w = window;
  w.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.benchLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Resolves with performance.now() in the page once the step counter shows at least `step`. */
function stepShown(page, step) {
  return page
    .waitForFunction(
      (min) => {
        const n = Number(document.querySelector('[data-testid="step"]')?.textContent?.replace(/,/g, ''));
        return n >= min ? performance.now() : false;
      },
      step,
      { polling: 'raf', timeout: 120_000 },
    )
    .then((handle) => handle.jsonValue());
}

/** Resolves with performance.now() in the page once Train is enabled (trainer up, dataset in, network valid). */
function trainEnabled(page) {
  return page
    .waitForFunction(
      () => {
        const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Train');
        return b && !b.disabled ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 120_000 },
    )
    .then((h) => h.jsonValue());
}

async function run(page, origin, trainMs) {
  await page.addInitScript(observeLongTasks);
  await page.goto(`${origin}/app/`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const enabledAt = await trainEnabled(page);
  const backend = (await page.getByTestId('backend').textContent())?.trim();
  const firstShown = stepShown(page, 1);
  await train.click();
  const clickedAt = await page.evaluate(() => performance.now());
  const firstReportAt = await firstShown;
  await page.waitForTimeout(trainMs);
  const stoppedAt = await page.evaluate(() => performance.now());
  const steps = Number((await page.getByTestId('step').textContent())?.replace(/,/g, ''));
  const ips = (await page.getByTestId('images-per-second').textContent())?.trim();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const tasks = await page.evaluate(() => window.benchLongTasks);
  const during = tasks.filter((t) => t.start >= clickedAt && t.start <= stoppedAt);
  const before = tasks.filter((t) => t.start < clickedAt);
  const longest = during.reduce((m, t) => Math.max(m, t.duration), 0);
  return {
    status: 'ok',
    backend,
    pageLoadToTrainEnabledMs: enabledAt,
    clickToFirstReportMs: firstReportAt - clickedAt,
    pageLoadToFirstReportMs: firstReportAt,
    trainedMs: stoppedAt - clickedAt,
    stepsShown: steps,
    imagesPerSecondShown: ips,
    longestMainThreadTaskMs: longest,
    longTasksWhileTraining: during.length,
    longTasksOver50Ms: during.filter((t) => t.duration > LONG_TASK_LIMIT_MS).length,
    longestTasksMs: during
      .map((t) => Math.round(t.duration))
      .sort((a, b) => b - a)
      .slice(0, 5),
    longestTaskBeforeTrainingMs: before.reduce((m, t) => Math.max(m, t.duration), 0),
  };
}

export async function measureApp(host, origin, { trainMs }) {
  const context = await (await host.get()).newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    return await withTimeout(run(page, origin, trainMs), trainMs + 300_000, 'the app page');
  } catch (error) {
    const pageErrors = errors.length ? ` (page errors: ${errors.slice(0, 3).join(' | ')})` : '';
    return { status: 'error', message: `${error.message.split('\n')[0]}${pageErrors}` };
  } finally {
    await context.close();
  }
}

/** Records, in the page, every test accuracy the figure shows, with performance.now() and the step. */
function recordAccuracies() {
  const w = window;
  w.benchAccuracies = [];
  const figure = document.querySelector('[data-testid="test-accuracy"]');
  new MutationObserver(() => {
    const percent = Number.parseFloat(figure.textContent ?? '');
    const step = Number(document.querySelector('[data-testid="step"]')?.textContent?.replace(/,/g, ''));
    if (Number.isFinite(percent)) w.benchAccuracies.push({ at: performance.now(), percent, step });
  }).observe(figure, { childList: true, characterData: true, subtree: true });
}

async function newcomer(page, origin, { targetPercent, limitMs }) {
  await page.goto(`${origin}/app/`);
  const enabledAt = await trainEnabled(page);
  const backend = (await page.getByTestId('backend').textContent())?.trim();
  const reason = (await page.getByTestId('backend-reason').textContent())?.trim();
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.evaluate(recordAccuracies);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const clickedAt = await page.evaluate(() => performance.now());
  const reached = await page
    .waitForFunction(
      (target) => window.benchAccuracies.find((a) => a.percent >= target) ?? false,
      targetPercent,
      { polling: 250, timeout: limitMs },
    )
    .then((h) => h.jsonValue())
    .catch(() => null);
  const accuracies = await page.evaluate(() => window.benchAccuracies);
  const ips = (await page.getByTestId('images-per-second').textContent())?.trim();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return {
    status: 'ok',
    backend,
    reason,
    crossOriginIsolated: isolated,
    targetPercent,
    pageLoadToTrainEnabledMs: enabledAt,
    reached: reached !== null,
    clickToTargetMs: reached ? reached.at - clickedAt : null,
    pageLoadToTargetMs: reached ? reached.at : null,
    stepAtTarget: reached?.step ?? null,
    accuracies: accuracies.map((a) => ({ ...a, afterClickMs: Math.round(a.at - clickedAt) })),
    imagesPerSecondShown: ips,
  };
}

/**
 * A newcomer without WebGPU: opens the app (in `host`, a browser launched without WebGPU), presses Train
 * once Train is enabled and watches the test accuracy (shown after each epoch's evaluation) until it
 * reaches `targetPercent` or `limitMs` passes.
 */
export async function measureNewcomer(host, origin, { targetPercent, limitMs }) {
  const context = await (await host.get()).newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    return await withTimeout(
      newcomer(page, origin, { targetPercent, limitMs }),
      limitMs + 180_000,
      'the newcomer',
    );
  } catch (error) {
    const pageErrors = errors.length ? ` (page errors: ${errors.slice(0, 3).join(' | ')})` : '';
    return { status: 'error', message: `${error.message.split('\n')[0]}${pageErrors}` };
  } finally {
    await context.close();
  }
}
