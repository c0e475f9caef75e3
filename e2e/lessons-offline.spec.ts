// The lessons offline: after one visit, a lesson link opens its step with the network off, its bench
// computes on the built-in digit, and the check still answers.
import { expect, test } from '@playwright/test';
import { expectDatasetsLoaded } from './app';

test.use({ serviceWorkers: 'allow' });

test('after one visit a lesson link works with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page, 60_000);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const reachedNetwork: string[] = [];
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await context.setOffline(true);

  await page.goto('/?lesson=convolution&step=3');
  const lessons = page.getByRole('complementary', { name: 'Lessons' });
  await expect(lessons.locator('article[data-step="output-size"]')).toBeVisible();
  await lessons.getByLabel('Stride', { exact: true }).fill('2');
  await expect(lessons.getByTestId('kernel-formula')).toContainText('= 14');
  await expect(lessons.getByTestId('lesson-check')).toHaveAttribute('data-met', 'true');
  expect(reachedNetwork).toEqual([]);
  await context.setOffline(false);
});
