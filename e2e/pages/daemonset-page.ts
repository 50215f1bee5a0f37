import { expect, type Locator, type Page } from '@playwright/test';

/** The DaemonSet view `/c/{cluster}/daemonsets/{ns}/{name}` and its action dialog. */
export class DaemonSetPage {
  readonly dialog: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly namespace: string,
    readonly name: string,
  ) {
    this.dialog = page.getByRole('dialog');
    this.status = page.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.goto(`/c/demo/daemonsets/${this.namespace}/${this.name}`);
    await expect(
      this.page.getByRole('heading', { name: `DaemonSet ${this.namespace}/${this.name}` }),
    ).toBeVisible();
    await expect(this.status).toHaveText('Live');
  }

  action(name: 'Roll back' | 'Pause rollout' | 'Resume rollout' | 'Restart'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Opens an action's dialog, waits for its dry run, confirms, and waits until the stream reports the change. */
  async runAction(
    name: 'Roll back' | 'Pause rollout' | 'Resume rollout' | 'Restart',
    kubectl: RegExp,
  ): Promise<void> {
    await this.action(name).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog).toContainText(kubectl);
    await this.dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(this.dialog).toContainText('Done: the cluster reports the change.');
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
