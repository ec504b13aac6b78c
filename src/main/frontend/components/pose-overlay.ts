import { LitElement, type PropertyValues, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

/** One predicted keypoint in pixels of the (EXIF-oriented) original image. */
export interface Keypoint {
  name: string;
  x: number;
  y: number;
  score: number;
}

/** COCO-17 skeleton edges (MoveNet order). */
const EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [0, 2], [1, 3], [2, 4], [0, 5], [0, 6], [5, 7], [7, 9], [6, 8], [8, 10],
  [5, 6], [5, 11], [6, 12], [11, 12], [11, 13], [13, 15], [12, 14], [14, 16],
];

type Side = 'left' | 'right' | 'centre';

/** Keypoint 0 (nose) is the centre; odd indices are the person's left side, even ones the right. */
function sideOf(index: number): Side {
  if (index === 0) return 'centre';
  return index % 2 === 1 ? 'left' : 'right';
}

function edgeSide(a: number, b: number): Side {
  const sa = sideOf(a);
  return sa === sideOf(b) ? sa : 'centre';
}

/**
 * Draws MoveNet keypoints and the skeleton over an image. The SVG uses the image's own pixel grid as its viewBox and
 * is stretched over the <img>, so the drawing stays aligned at any size. A threshold slider hides low-confidence
 * points without a new inference; the points drawn are mirrored in the `data-keypoints` attribute as JSON.
 */
@customElement('pose-overlay')
export class PoseOverlay extends LitElement {
  static styles = css`
    :host { display: block; position: relative; max-width: 100%; }
    .frame { position: relative; display: inline-block; max-width: 100%; line-height: 0; }
    img { display: block; max-width: 100%; max-height: 70vh; width: auto; height: auto;
          image-orientation: from-image; }
    svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
    circle { cursor: pointer; stroke: white; }
    .tooltip {
      position: absolute; transform: translate(-50%, -130%); pointer-events: none; white-space: nowrap;
      background: rgba(20, 20, 20, 0.85); color: white; font: 12px/1.4 system-ui, sans-serif;
      padding: 2px 6px; border-radius: 4px; line-height: 1.4;
    }
    .controls { display: flex; align-items: center; gap: 0.5em; margin-bottom: 0.5em; font: 14px system-ui, sans-serif; }
    .controls input { flex: 1; max-width: 20em; }
  `;

  /** URL of the image (served by the console). */
  @property() src = '';
  @property({ type: Number, attribute: 'image-width' }) imageWidth = 1;
  @property({ type: Number, attribute: 'image-height' }) imageHeight = 1;
  /** All 17 keypoints of the prediction; set from the server as a JSON property. */
  @property({ type: Array }) keypoints: Keypoint[] = [];
  @property({ type: Number, reflect: true }) threshold = 0.3;
  @property({ attribute: 'left-color' }) leftColor = '#1e88e5';
  @property({ attribute: 'right-color' }) rightColor = '#f4511e';
  @property({ attribute: 'centre-color' }) centreColor = '#43a047';

  @state() private hovered = -1;

  private colorOf(side: Side): string {
    return side === 'left' ? this.leftColor : side === 'right' ? this.rightColor : this.centreColor;
  }

  private visible(index: number): boolean {
    const k = this.keypoints[index];
    return k !== undefined && k.score >= this.threshold;
  }

  protected updated(changed: PropertyValues<this>): void {
    // Only the keypoints and the threshold decide what is drawn (a hover, say, does not); set at least once.
    if (this.hasAttribute('data-keypoints') && !changed.has('keypoints') && !changed.has('threshold')) return;
    const drawn = this.keypoints.filter((_, i) => this.visible(i))
      .map(k => ({ name: k.name, x: k.x, y: k.y, score: k.score }));
    this.setAttribute('data-keypoints', JSON.stringify(drawn));
  }

  private onThresholdInput(event: Event): void {
    this.threshold = Number((event.target as HTMLInputElement).value);
    this.dispatchEvent(new CustomEvent('threshold-changed', { detail: { value: this.threshold }, bubbles: true }));
  }

  render() {
    const radius = Math.max(3, Math.round(Math.max(this.imageWidth, this.imageHeight) / 120));
    const stroke = Math.max(2, Math.round(radius * 0.6));
    const hovered = this.hovered >= 0 && this.visible(this.hovered) ? this.keypoints[this.hovered] : undefined;
    // The slider comes first: above the image, it stays in view however tall the photo is.
    return html`
      <label class="controls">
        Score threshold
        <input type="range" min="0" max="1" step="0.05" .value=${String(this.threshold)}
               @input=${this.onThresholdInput} aria-label="Score threshold" />
        <output>${this.threshold.toFixed(2)}</output>
      </label>
      <div class="frame">
        ${this.src ? html`<img src=${this.src} alt="Uploaded image" draggable="false" />` : nothing}
        <svg viewBox="0 0 ${this.imageWidth} ${this.imageHeight}" preserveAspectRatio="none" part="overlay">
          ${EDGES.filter(([a, b]) => this.visible(a) && this.visible(b)).map(([a, b]) => svg`
            <line class="edge" x1=${this.keypoints[a].x} y1=${this.keypoints[a].y}
                  x2=${this.keypoints[b].x} y2=${this.keypoints[b].y}
                  stroke=${this.colorOf(edgeSide(a, b))} stroke-width=${stroke} stroke-linecap="round" />`)}
          ${this.keypoints.map((k, i) => this.visible(i) ? svg`
            <circle class="keypoint" data-name=${k.name} cx=${k.x} cy=${k.y} r=${radius}
                    fill=${this.colorOf(sideOf(i))} stroke-width=${Math.max(1, radius / 3)}
                    @mouseenter=${() => (this.hovered = i)} @mouseleave=${() => (this.hovered = -1)}>
              <title>${k.name} ${k.score.toFixed(2)}</title>
            </circle>` : nothing)}
        </svg>
        ${hovered ? html`<div class="tooltip" role="tooltip"
              style="left:${(hovered.x / this.imageWidth) * 100}%;top:${(hovered.y / this.imageHeight) * 100}%">
              ${hovered.name} · ${hovered.score.toFixed(2)}</div>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pose-overlay': PoseOverlay;
  }
}
