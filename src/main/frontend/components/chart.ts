import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import ApexCharts from 'apexcharts';

/**
 * ApexCharts writes its colours into SVG attributes (dark grey text, light grey grid lines), which a stylesheet rule
 * overrides: text, grid and tooltips take the Aura theme's colours, so that axis titles stay readable in dark mode and
 * follow a theme switch without a redraw. Added once per document (the chart renders into the light DOM).
 */
const THEME_STYLE_ID = 'poseops-chart-theme';
const THEME_CSS = `
  poseops-chart { display: block; color: var(--vaadin-text-color); }
  poseops-chart .apexcharts-text, poseops-chart .apexcharts-legend-text, poseops-chart .apexcharts-datalabel {
    fill: var(--vaadin-text-color-secondary); color: var(--vaadin-text-color-secondary) !important; }
  poseops-chart .apexcharts-xaxis-title-text, poseops-chart .apexcharts-yaxis-title-text,
  poseops-chart .apexcharts-title-text { fill: var(--vaadin-text-color); }
  poseops-chart .apexcharts-gridline, poseops-chart .apexcharts-xaxis-tick, poseops-chart .apexcharts-xaxis line,
  poseops-chart .apexcharts-yaxis line { stroke: var(--vaadin-border-color); }
  poseops-chart .apexcharts-yaxis-annotations line { stroke: var(--vaadin-text-color-secondary); }
  poseops-chart .apexcharts-yaxis-annotations rect { fill: var(--aura-surface-color-solid, var(--vaadin-background-color));
    stroke: var(--vaadin-border-color); }
  poseops-chart .apexcharts-yaxis-annotations text { fill: var(--vaadin-text-color); }
  poseops-chart .apexcharts-tooltip.apexcharts-theme-light, poseops-chart .apexcharts-xaxistooltip {
    background: var(--aura-surface-color-solid, var(--vaadin-background-color)); color: var(--vaadin-text-color);
    border-color: var(--vaadin-border-color); }
  poseops-chart .apexcharts-tooltip.apexcharts-theme-light .apexcharts-tooltip-title {
    background: var(--aura-surface-color-solid, var(--vaadin-background-color));
    border-bottom-color: var(--vaadin-border-color); }
`;

function addThemeStyle(): void {
  if (document.getElementById(THEME_STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = THEME_STYLE_ID;
  style.textContent = THEME_CSS;
  document.head.appendChild(style);
}

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
    addThemeStyle();
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
    // Transparent, so that the chart sits on whatever surface the page gives it, light or dark.
    parsed.chart = { background: 'transparent', ...(parsed.chart ?? {}) };
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
