// A classroom challenge end to end, training kept short: the teacher makes the link, a learner opens it,
// sees the goal and the locks, meets the goal and downloads the result file; the teacher imports it with
// an edited copy, a forged copy (re-sealed, so only re-evaluation can tell) and a hostile file, re-evaluates
// every result in the browser and ranks them; the honest result comes first and the others are flagged.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { canonicalJson, sha256Hex } from '../src/challenges/result';
import { expectDatasetsLoaded, openPanel, SHOTS, stepCount } from './app';

test.setTimeout(300_000);

test('a challenge is made, met, handed in, imported, re-evaluated and ranked; tampered results are flagged', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Teacher view', exact: true }).click();
  const teacher = page.getByRole('complementary', { name: 'Teacher view' });
  await teacher.getByLabel('Title', { exact: true }).fill('Tiny and decent');
  await teacher.getByLabel('Minimum test accuracy (%)').fill('50');
  await teacher.getByLabel('Maximum parameters').fill('20000');
  await teacher.getByLabel('Fixed epochs').fill('1');
  await teacher.getByLabel(/^Allowed layer kinds/).fill('Conv2d, ReLU, Flatten, Linear');
  await teacher.getByLabel('Deadline').fill('Friday 17:00');
  await teacher.getByRole('button', { name: 'Make challenge link' }).click();
  const link = await teacher.getByLabel('Challenge link').inputValue();

  // The learner opens the link: the goal, the locks and the deadline, and what is still unmet.
  await page.goto(link);
  const learner = page.getByRole('complementary', { name: 'Challenge' });
  const goal = learner.getByTestId('challenge-goal');
  await expect(goal).toContainText('At least 50.0% test accuracy on MNIST with at most 20,000 parameters.');
  await expect(goal).toContainText('Epochs fixed at 1.');
  await expect(goal).toContainText('Friday 17:00');
  await expect(goal).toContainText('Allowed layers: Conv2d, ReLU, Flatten, Linear.');
  await expect(learner.getByTestId('challenge-unmet')).toContainText('61,706 parameters, more than 20,000');
  // The locks stay in sight with the panel closed: LeNet-5's pooling breaks one, said in the bar at once.
  await page.getByRole('button', { name: 'Close the classroom panel' }).click();
  const locks = page.getByTestId('challenge-locks');
  await expect(locks).toHaveText(
    'Challenge lock broken: layers not allowed here: MaxPool2d. A result cannot be handed in until this is fixed.',
  );
  await page.screenshot({ path: `${SHOTS}/challenge-lock-broken.png` });
  // The epochs lock holds: a changed value is put back, with the reason (epochs are in Hyperparameters).
  await openPanel(page, 'Hyperparameters');
  const epochs = page.getByRole('spinbutton', { name: 'Epochs' });
  await epochs.fill('3');
  await epochs.blur();
  await expect(epochs).toHaveValue('1');
  await expect(
    page.getByRole('status').filter({ hasText: 'The challenge locks the epochs at 1' }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Tiny CNN' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await expect(locks).toHaveText('Challenge “Tiny and decent”: every lock holds.');
  await expect(epochs).toHaveValue('1');
  await page.getByRole('button', { name: 'Challenge', exact: true }).click();
  await expect(learner.getByTestId('challenge-unmet')).toHaveText(
    'no full test-set evaluation yet: press Evaluate',
  );
  await expectDatasetsLoaded(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(80);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const met = learner.getByTestId('challenge-met');
  await expect(met).toBeVisible({ timeout: 60_000 });
  await met.getByLabel('Your name').fill('Ada');
  const downloading = page.waitForEvent('download');
  await met.getByRole('button', { name: 'Download result file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Ada-result.json');
  const honest = await readFile((await download.path())!, 'utf8');
  await page.screenshot({ path: `${SHOTS}/challenge-met.png` });

  // Tampering: an accuracy raised in the file, and the same raise re-sealed with a fresh digest.
  const result = JSON.parse(honest) as { digest: string; metrics: { testAccuracy: number } };
  const raised = { ...result, learner: 'Eve', metrics: { ...result.metrics, testAccuracy: 0.999 } };
  const { digest: _digest, ...body } = { ...raised, learner: 'Mallory' };
  const forged = { ...body, digest: await sha256Hex(canonicalJson(body)) };
  const file = (name: string, text: string) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });

  await page.goto('/');
  await page.getByRole('button', { name: 'Teacher view', exact: true }).click();
  await teacher
    .getByLabel('Import result files')
    .setInputFiles([
      file('ada.json', honest),
      file('eve.json', JSON.stringify(raised)),
      file('mallory.json', JSON.stringify(forged)),
      file('evil.json', '{"__proto__": {"polluted": true}, "format": "cnn-playground-result/1"}'),
    ]);
  await expect(teacher.getByTestId('refused-results')).toContainText(
    'Not imported: evil.json: the file contains the forbidden key __proto__',
  );
  const rows = teacher.getByTestId('leaderboard').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Eve' })).toContainText('the file was edited after it was made');
  await expect(rows.filter({ hasText: 'Mallory' })).toHaveAttribute('data-flagged', 'false');

  await teacher.getByRole('button', { name: 'Re-evaluate all' }).click();
  await expect(teacher.getByRole('button', { name: 'Re-evaluate all' })).toBeEnabled({ timeout: 180_000 });
  await expect(teacher.getByTestId('reevaluated').filter({ hasText: '—' })).toHaveCount(0);
  await expect(rows.nth(0)).toContainText('Ada');
  await expect(rows.nth(0).getByTestId('result-check')).toHaveText('✓ reproduces');
  await expect(rows.filter({ hasText: 'Mallory' })).toHaveAttribute('data-flagged', 'true');
  await expect(rows.filter({ hasText: 'Mallory' })).toContainText('does not reproduce');
  await expect(rows.filter({ hasText: 'Eve' })).toContainText('does not reproduce');
  // Ada's re-evaluated accuracy is the one she claimed.
  const claimed = `${(result.metrics.testAccuracy * 100).toFixed(2)}%`;
  await expect(rows.nth(0).getByTestId('reevaluated')).toHaveText(claimed);
  await teacher.getByTestId('leaderboard').screenshot({ path: `${SHOTS}/challenge-leaderboard.png` });
});
