import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import ApexCharts from 'apexcharts';

/**
 * A thin wrapper around ApexCharts 4.7.0 (the last MIT release): the server sets `options` to an ApexCharts options
 * object serialised as JSON; every change redraws the chart. Rendered into the light DOM so that ApexCharts' own
 * stylesheet (injected into the document) applies. The server also sets `data-series` (the plotted series as JSON);
 * `data-series-points` tells how many points were drawn once ApexCharts has rendered, for tests, and
 * `data-draw-started-at` / `data-drawn-at` when drawing began and ended (`performance.now()`), for benchmarks.
 */
@customElement('poseops-chart')
export class Chart extends LitElement {
  @property({ type: String }) options = '';

  private chart?: ApexCharts;

  protected createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="chart-area"></div>`;
  }

  protected async updated(changed: Map<string, unknown>) {
    if (!changed.has('options')) return;
    this.dataset.drawStartedAt = String(Math.round(performance.now()));
    let parsed: any;
    try {
      parsed = this.options ? JSON.parse(this.options) : null;
    } catch {
      parsed = null;
    }
    this.chart?.destroy();
    this.chart = undefined;
    const area = this.querySelector('.chart-area') as HTMLElement | null;
    if (!parsed || !area) {
      this.dataset.seriesPoints = '0';
      return;
    }
    this.chart = new ApexCharts(area, parsed);
    await this.chart.render();
    const points = (parsed.series ?? []).reduce((sum: number, s: any) => sum + (s.data?.length ?? 0), 0);
    this.dataset.seriesPoints = String(points);
    // when it was drawn (ms since the page load started), for benchmarks that must not count a test driver's polling
    this.dataset.drawnAt = String(Math.round(performance.now()));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }
}
