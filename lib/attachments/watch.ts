/**
 * The draft's attachments on a chat page: the page's own files as the user attaches them (its file
 * inputs, a drop, a paste; read locally, never stored or sent), joined to the chips the composer
 * shows, priced for the model in use. Owns its state; every listener goes through WXT's `ctx`, and
 * nothing here throws into the page.
 */
import type { Counter } from '../tracker/transcript';
import { joinFacts, readChips, type AttachmentChips, type LocalFacts } from './chips';
import { readLocalFacts, readText } from './local-files';
import { EMPTY_SUMMARY, summarize, type AttachmentFacts, type AttachmentSummary } from './rules';

type Ctx = {
  addEventListener: (target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions) => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
};

/** Local files kept at most (a draft never holds more; the sites cap at 10–20). */
const KEPT = 40;

interface LocalEntry {
  file: File;
  facts: LocalFacts;
  /** The model the text file was counted for (a text file is counted again for another tokenizer). */
  countedFor?: string | null;
}

export class AttachmentWatch {
  private local: LocalEntry[] = [];
  private items: AttachmentFacts[] = [];
  private model: string | null = null;
  summary: AttachmentSummary = EMPTY_SUMMARY;
  /** Changes whenever the summary does (for the pill's key). */
  key = '';

  constructor(
    private readonly ctx: Ctx,
    private readonly spec: AttachmentChips | undefined,
    private readonly counter: Counter,
    private readonly changed: () => void,
  ) {
    const take = (files: FileList | null | undefined) => {
      try {
        if (files && files.length > 0) this.addFiles([...files]);
      } catch {
        // never into the page
      }
    };
    ctx.addEventListener(document, 'change', (e) => {
      const target = e.target;
      if (target instanceof HTMLInputElement && target.type === 'file' && this.isAttachmentInput(target)) take(target.files);
    }, { capture: true, passive: true });
    ctx.addEventListener(document, 'drop', (e) => take((e as DragEvent).dataTransfer?.files), { capture: true, passive: true });
    ctx.addEventListener(document, 'paste', (e) => take((e as ClipboardEvent).clipboardData?.files), { capture: true, passive: true });
  }

  /** One of the site's attachment inputs (any file input where the site's data names none). */
  private isAttachmentInput(input: HTMLInputElement): boolean {
    const selectors = this.spec?.fileInputs ?? [];
    if (selectors.length === 0) return true;
    return selectors.some((selector) => {
      try {
        return input.matches(selector);
      } catch {
        return false;
      }
    });
  }

  /** Files the page now holds for the draft: read once each (the same File again is ignored). */
  addFiles(files: File[]): void {
    for (const file of files) {
      if (this.local.some((e) => e.file === file || (e.file.name === file.name && e.file.size === file.size && e.file.lastModified === file.lastModified))) continue;
      const entry: LocalEntry = { file, facts: { name: file.name, kind: 'other' } };
      this.local.push(entry);
      if (this.local.length > KEPT) this.local.shift();
      // A long read pauses on the ctx's timer: it stops when the content script does.
      void readLocalFacts(file, () => new Promise<void>((resolve) => void this.ctx.setTimeout(resolve, 0)))
        .then((facts) => {
          entry.facts = { ...facts, ...(entry.facts.textTokens !== undefined ? { textTokens: entry.facts.textTokens, textExact: entry.facts.textExact } : {}) };
          if (facts.kind === 'text') this.countText(entry);
          this.changed();
        })
        .catch(() => undefined);
    }
  }

  private countText(entry: LocalEntry): void {
    const model = this.model;
    if (entry.countedFor === model && entry.facts.textTokens !== undefined) return;
    entry.countedFor = model;
    void readText(entry.file)
      .then(async (text) => {
        if (text === null) return;
        const outcome = await this.counter.count(text, model);
        // The text goes out of scope here: only its count is kept.
        if (outcome.status !== 'ok' || entry.countedFor !== model) return;
        entry.facts = { ...entry.facts, textTokens: outcome.tokens, textExact: outcome.exact };
        this.changed();
      })
      .catch(() => undefined);
  }

  /** Reads the chips in the composer's box and prices what is attached for `model`. */
  read(composer: Element | null, model: string | null): void {
    if (model !== this.model) {
      this.model = model;
      for (const entry of this.local) if (entry.facts.kind === 'text') this.countText(entry);
    }
    const chips = readChips(composer, this.spec);
    // Chips the site shows are the truth of what is attached; without known chips, the files the
    // page took since the last send.
    this.items = joinFacts(chips, this.local.map((e) => e.facts));
    const summary = summarize(this.items, model);
    const key = JSON.stringify([summary.counts, summary.min, summary.max, summary.unpriced, summary.pdfPages, summary.exact]);
    if (key !== this.key) {
      this.key = key;
      this.summary = summary;
    }
  }

  /** The draft was sent: its attachments go with the turn, and the page's files are forgotten. */
  sent(): AttachmentSummary {
    const sent = this.summary;
    this.local = [];
    return sent;
  }

  /** Another conversation: nothing attached carries over. */
  reset(): void {
    this.local = [];
  }
}
