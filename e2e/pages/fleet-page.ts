import { expect, type Locator, type Page } from '@playwright/test';

/** The fleet view `/c/{cluster}`, through roles and accessible names only. */
export class FleetPage {
  readonly grid: Locator;
  readonly status: Locator;
  readonly why: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Coverage' });
    this.status = page.getByRole('status');
    this.why = page.getByRole('region', { name: 'Why' });
    this.chart = page.getByRole('figure', { name: 'Cells per DaemonSet by state' });
  }

  /** Opens the fleet view (or any path of it, with a query string) and waits for the live grid. */
  async open(path = '/c/demo'): Promise<void> {
    await this.page.goto(path);
    await expect(this.grid).toBeVisible();
    await expect(this.status).toHaveText('Live');
  }

  /** The cell of one node × DaemonSet, whatever its state. */
  cell(node: string, daemonSet: string): Locator {
    return this.grid.getByRole('gridcell', { name: new RegExp(`^${escape(node)} ${escape(daemonSet)}: `) });
  }

  /** Every rendered cell in a given state. */
  cellsIn(state: string): Locator {
    return this.grid.getByRole('gridcell', { name: new RegExp(`: ${escape(state)}$`) });
  }

  /** The accessible name of the focused element. */
  async focusedLabel(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  }

  namespace(): Locator {
    return this.page.getByRole('combobox', { name: 'Namespace' });
  }

  daemonSetFilter(): Locator {
    return this.page.getByRole('searchbox', { name: 'DaemonSet' });
  }

  stateToggle(state: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${escape(state)} \\d+$`) });
  }
}

/** A string as a literal inside a RegExp. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
