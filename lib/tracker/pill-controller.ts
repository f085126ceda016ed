/**
 * The pill on the page: mounting its shadow root, placing it above the composer, following the
 * page's theme live, and showing a view. What the pill says is worked out elsewhere
 * (`pill-view.ts`); this module owns only the element, its place and its colours.
 */
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Pill, type PillView } from '@/components/Pill';
import { pageTheme, watchPageTheme } from './theme';

/** The automation contract (README): figures on the host element, updated with each estimate. */
export interface PillAttributes {
  draftTokens: string;
  contextTokens: string;
  model: string;
  modelSource: string;
  costUsd: string;
  exact: string;
  /** An estimate's relative error band ("0.15" = ±15%), empty for an exact count or no stated band. */
  errorBand: string;
  contextSource: string;
  counting: string;
  budget: string;
  held: string;
  /** The most pressing usage-limit window's share used, empty when none (lib/limits). */
  limitUsed: string;
  /** The draft's attachment tokens, the low and the high end (equal unless a range; lib/attachments). */
  attachmentTokensMin: string;
  attachmentTokensMax: string;
  /** The input cost at the high end of the attachments' range (= costUsd without a range). */
  costUsdMax: string;
  /** `true` when the cost is a lower bound: a reasoning model on a site that does not count its reasoning (issue 18). */
  reasoningHidden: string;
}

export interface PillShown {
  view: PillView;
  attributes: PillAttributes;
}

type Ctx = Pick<ContentScriptContext, 'isValid' | 'requestAnimationFrame' | 'addEventListener' | 'onInvalidated'>;

export class PillController {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private mounting = false;
  private composer: Element | null = null;
  private boxObserver: ResizeObserver | null = null;
  private placementPending = false;
  private themeDirty = true;
  private shownKey = '';

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly onAlias: (label: string, modelId: string) => void,
  ) {
    watchPageTheme(ctx as Ctx, () => this.themeChanged());
    ctx.addEventListener(window, 'resize', () => {
      this.themeDirty = true;
      this.schedulePlacement();
    }, { passive: true });
    ctx.addEventListener(window, 'scroll', () => this.schedulePlacement(), { passive: true, capture: true });
    ctx.onInvalidated(() => {
      this.boxObserver?.disconnect();
      this.unmount();
    });
  }

  /** Whether the pill's element is on the page, ready for `show`. */
  get mounted(): boolean {
    return this.host !== null && this.container !== null;
  }

  /** The composer the pill sits above (null: hidden). */
  setComposer(composer: Element | null): void {
    if (composer === this.composer) return;
    this.composer = composer;
    this.boxObserver?.disconnect();
    this.boxObserver = null;
    this.themeDirty = true;
    if (composer) {
      this.boxObserver = new ResizeObserver(() => this.schedulePlacement());
      this.boxObserver.observe(composer);
    }
    this.schedulePlacement();
  }

  /** Mounts the pill if it is not there (or puts it back if the page removed it). */
  ensureMounted(): void {
    if (this.ui && !this.host?.isConnected) this.ui.mount();
    if (this.ui || this.mounting) return;
    void this.mount().catch(() => {
      this.mounting = false;
    });
  }

  private async mount(): Promise<void> {
    this.mounting = true;
    this.ui = await createShadowRootUi(this.ctx, {
      name: 'spendmeter-pill',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      // WXT's own reset is `all: initial !important`, which would beat the host's inline position;
      // pill.css resets the host without !important instead.
      inheritStyles: true,
      onMount: (container, _shadow, host) => {
        this.host = host;
        this.container = container;
        this.themeDirty = true;
        this.shownKey = '';
      },
      onRemove: () => {
        if (this.container) render(null, this.container);
        this.host = null;
        this.container = null;
      },
    });
    this.mounting = false;
    if (!this.ctx.isValid) return;
    this.ui.mount();
    this.place();
    this.onMounted?.();
  }

  /** Called once a mount has finished, so the owner can show the pill's first view. */
  onMounted: (() => void) | null = null;

  unmount(): void {
    this.ui?.remove();
    this.ui = null;
  }

  /**
   * Shows what `build` returns, unless `key` (everything the view depends on) is what is already
   * shown. Returns the attributes shown, or null when nothing was rendered.
   */
  show(key: string, build: () => PillShown): PillShown | null {
    if (!this.host || !this.container || key === this.shownKey) return null;
    this.shownKey = key;
    const shown = build();
    setChangedData(this.host, shown.attributes);
    render(h(Pill, { view: shown.view, onAlias: this.onAlias }), this.container);
    return shown;
  }

  /** The page's theme may have changed: read it again in the next placement frame. */
  themeChanged(): void {
    this.themeDirty = true;
    this.schedulePlacement();
  }

  private schedulePlacement(): void {
    if (this.placementPending || !this.ctx.isValid) return;
    this.placementPending = true;
    this.ctx.requestAnimationFrame(() => {
      this.placementPending = false;
      try {
        this.place();
      } catch {
        // Never into the page.
      }
    });
  }

  private place(): void {
    const host = this.host;
    if (!host) return;
    const composer = this.composer;
    const rect = composer?.getBoundingClientRect();
    if (!composer || !rect || (rect.width === 0 && rect.height === 0)) {
      host.style.display = 'none';
      return;
    }
    Object.assign(host.style, pillPlacement(composerBox(composer) ?? rect, window.innerWidth));
    // Reading colours walks computed styles: only when the composer, the window or the page's
    // theme changed, not on scroll.
    if (this.themeDirty) {
      this.themeDirty = false;
      host.dataset.theme = pageTheme(composer);
    }
  }
}

/**
 * Sets the `data-*` attributes whose value changed, and no others: each set is a mutation that the
 * page's own observers see (and a style invalidation), even when the value is the same.
 */
export function setChangedData(element: HTMLElement, values: object): void {
  for (const [name, value] of Object.entries(values)) if (element.dataset[name] !== value) element.dataset[name] = value as string;
}

/**
 * Where the pill goes: above the composer's top edge, right-aligned, never over the send button
 * inside the box and never past the window's left edge. (Set on every placement: mounting resets
 * the host's inline position.)
 */
export function pillPlacement(box: Pick<DOMRect, 'top' | 'right'>, windowWidth: number): Record<string, string> {
  const right = Math.max(windowWidth - box.right, 4);
  return {
    position: 'fixed',
    zIndex: '2147483000',
    transform: 'translateY(-100%)',
    display: 'block',
    top: `${Math.max(box.top - 6, 28)}px`,
    right: `${right}px`,
    left: 'auto',
    maxWidth: `${Math.max(windowWidth - right - 4, 160)}px`,
  };
}

/** The visible box around the composer (its form or field wrapper), else the composer itself. */
export function composerBox(composer: Element): DOMRect | null {
  const box = composer.closest('form, fieldset, [data-composer-surface], rich-textarea, [data-ask-input-container]') ?? composer;
  const rect = box.getBoundingClientRect();
  return rect.width > 0 ? rect : null;
}
