/**
 * What a site adapter is: selectors as data (ordered fallback lists, newest DOM generation first)
 * plus a few small pure functions derived from them. Site modules only declare a `SiteSpec`;
 * `defineSite` turns it into the functions the content script uses, so every site reads the page
 * the same way and the per-site files stay declarative.
 */
import type { AttachmentChips } from '../attachments/chips';
import { siteName, type SiteId } from './hosts';
import { composerText, composerTextAfterInput, visibleText } from './text';

export type Role = 'user' | 'assistant';

/** What a reply holds instead of readable text. */
export type OpaqueKind = 'image' | 'frame';

/** One message on the page, keyed stably: the site's own id where it has one. */
export interface MessageRef {
  key: string;
  role: Role;
  /** The message's element; for a reply made of several messages (`parts`), the last of them. */
  element: Element;
  /**
   * A reply the site shows as several assistant messages under one prompt (see
   * `MessageGeneration.mergeReplies`): all of them in document order. Absent for a single message.
   */
  parts?: Element[];
  /** True while this message is still being streamed. */
  streaming: boolean;
  /** The reply's content is not readable text: a generated image, a report inside an `<iframe>`. */
  opaque?: OpaqueKind;
}

export interface Turn {
  key: string;
  role: Role;
  text: string;
  streaming: boolean;
  opaque?: OpaqueKind;
}

/** How one DOM generation marks its messages. */
export interface MessageGeneration {
  /** When and where this DOM was seen (kept beside the selectors so stale ones can be retired). */
  seen: string;
  user: string;
  assistant: string;
  /** Where the message text lives inside a matched element (default: the element itself). */
  userText?: string;
  assistantText?: string;
  /** Parts of a message that are not its text (reasoning panels, citations, headings). */
  exclude?: string;
  /**
   * Where the site's own message or turn id lives: an attribute of the message or of its closest
   * ancestor matching `closest` (default: the closest element carrying the attribute).
   */
  idFrom?: { attribute: string; closest?: string; stripPrefix?: string }[];
  /** Marks a message as still streaming, on the message itself or inside it. */
  streaming?: string;
  /** Marks a message as finished; an assistant message without it is streaming. */
  complete?: string;
  /**
   * What makes a reply opaque (its content is not readable text), checked on the reply and inside
   * it in this order: a generated image, a report in an `<iframe>`.
   */
  opaque?: { selector: string; kind: OpaqueKind }[];
  /**
   * Consecutive assistant messages (no user message between them) are one reply: the site answers
   * one prompt with several (ChatGPT's thinking models, Deep Research's "starting research" and
   * its report). One reply, keyed by its first message, its text all of them joined. `breakAt`
   * marks elements that may stand for a user message not rendered (an unmounted turn of a
   * virtualized transcript): one between two assistant messages keeps them apart.
   */
  mergeReplies?: { breakAt?: string };
}

export interface ModelLabelSource {
  selector: string;
  /** Read the text (default) or an attribute. */
  attribute?: string;
  /** Keep only the first capture group of this pattern (e.g. "current model is (.+)"). */
  pattern?: RegExp;
  /** Turn what was read into a label the catalog knows (e.g. "5.2" → "GPT-5.2"). */
  normalize?: (label: string) => string;
}

export interface SiteSpec {
  id: SiteId;
  /** Catalog id of the model the site serves when the page names none (our pick, dated). */
  defaultModel: string;
  /** The page of a conversation, for links from the popup. */
  conversationLink: (id: string) => string;
  /** Per-conversation URL patterns; the first capture group is the id. */
  conversationUrl: RegExp[];
  /** Path prefix to drop before matching (Gemini's account switcher `/u/1`). */
  stripPath?: RegExp;
  /** Conversation id from the query string instead of the path (OpenRouter `?room=`). */
  conversationParam?: string;
  composer: string[];
  send: string[];
  stop: string[];
  transcript: string[];
  generations: MessageGeneration[];
  /** Page-wide streaming markers besides the stop button. */
  streaming: string[];
  /** The picker, as shown: `modelLabel` returns its text even when it names a mode, not a model. */
  modelLabel: ModelLabelSource[];
  /** Where the page names the model of each reply (ChatGPT's `data-message-model-slug`). */
  replyModel?: ModelLabelSource[];
  /** The page normally shows the model; its absence makes tracking degraded. */
  modelLabelRequired?: boolean;
  /** A site whose streaming state no selector can express (DeepSeek's dual-use button). */
  isStreamingExtra?: (root: ParentNode) => boolean;
  /** The composer's attachment chips and the page's file inputs (lib/attachments/chips.ts). */
  attachments?: AttachmentChips;
}

export interface SiteAdapter {
  spec: SiteSpec;
  id: SiteId;
  /** The name people know the site by. */
  name: string;
  conversationId(url: string): string | null;
  findComposer(root: ParentNode): Element | null;
  findTranscript(root: ParentNode): Element | null;
  findMessages(root: ParentNode, conversationId: string | null): MessageRef[];
  readTurns(root: ParentNode, conversationId?: string | null): Turn[];
  messageText(ref: MessageRef): string;
  isStreaming(root: ParentNode): boolean;
  /** Page-wide signals only (stop button, streaming markers), without reading messages. */
  busy(root: ParentNode): boolean;
  stopVisible(root: ParentNode): boolean;
  isSendControl(target: Element): boolean;
  /** The picker's text as shown (whitespace normalised), mode words included; null without one. */
  modelLabel(root: ParentNode): string | null;
  /** The model named on the last reply in document order that names one; null when none does. */
  replyModel(root: ParentNode): string | null;
  composerText(composer: Element): string;
  /** The draft once a `beforeinput` of plain typing is applied, or null (see text.ts). */
  composerTextAfterInput(composer: Element, event: InputEvent): string | null;
}

/** querySelector that treats a selector the engine rejects as matching nothing. */
export function query(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

export function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function closest(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

export function first(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = query(root, selector);
    if (found) return found;
  }
  return null;
}

function siteMessageId(el: Element, sources: NonNullable<MessageGeneration['idFrom']>, root: ParentNode): string | null {
  for (const source of sources) {
    const holder = closest(el, source.closest ?? `[${source.attribute}]`);
    if (!holder || (root !== holder && !(root as Node).contains(holder))) continue;
    let value = holder.getAttribute(source.attribute);
    if (value && source.stripPrefix && value.startsWith(source.stripPrefix)) value = value.slice(source.stripPrefix.length);
    if (value) return value;
  }
  return null;
}

/** Drops matches nested inside another match of the same role (a bubble inside its row). */
function outermost(elements: Element[]): Element[] {
  const kept: Element[] = [];
  for (const el of elements) {
    const last = kept[kept.length - 1];
    if (last && last.contains(el)) continue;
    kept.push(el);
  }
  return kept;
}

export function defineSite(spec: SiteSpec): SiteAdapter {
  const generationOf = new WeakMap<Element, MessageGeneration>();

  function findMessages(root: ParentNode, conversationId: string | null): MessageRef[] {
    // The first generation whose markers both match; else the first with any match (a new chat
    // shows the user's message before any reply).
    let chosen: { generation: MessageGeneration; users: Element[]; assistants: Element[] } | undefined;
    for (const generation of spec.generations) {
      const users = queryAll(root, generation.user);
      const assistants = queryAll(root, generation.assistant);
      if (users.length === 0 && assistants.length === 0) continue;
      if (users.length > 0 && assistants.length > 0) {
        chosen = { generation, users, assistants };
        break;
      }
      chosen ??= { generation, users, assistants };
    }
    if (chosen) {
      const { generation, users, assistants } = chosen;
      const roles = new Map<Element, Role>();
      users.forEach((el) => roles.set(el, 'user'));
      assistants.forEach((el) => roles.set(el, 'assistant'));
      const ordered = outermost(sortInDocumentOrder([...roles.keys()]));
      const groups = generation.mergeReplies ? replyGroups(root, ordered, roles, generation.mergeReplies) : ordered.map((el, position) => ({ position, parts: [el] }));
      // Opaque markers are found once per page read (usually none), then placed in their reply.
      const opaqueMarkers = (generation.opaque ?? []).map(({ selector, kind }) => ({ kind, found: queryAll(root, selector) }));
      const refs: MessageRef[] = [];
      const seenKeys = new Map<string, number>();
      for (const { position, parts } of groups) {
        const first = parts[0]!;
        const element = parts[parts.length - 1]!;
        const role = roles.get(first)!;
        for (const part of parts) generationOf.set(part, generation);
        const siteId = generation.idFrom ? siteMessageId(first, generation.idFrom, root) : null;
        // The site's own id where it has one; else the conversation and the position. Never text.
        let key = siteId ? `${siteId}:${role}` : `${conversationId ?? 'new'}#${position}:${role}`;
        const n = seenKeys.get(key) ?? 0;
        seenKeys.set(key, n + 1);
        if (n > 0) key = `${key}#${n}`;
        const ref: MessageRef = { key, role, element, streaming: parts.some((part) => messageStreaming(part, role, generation)) };
        if (parts.length > 1) ref.parts = parts;
        const opaque = role === 'assistant' ? opaqueMarkers.find((m) => m.found.some((el) => parts.some((part) => part.contains(el))))?.kind : undefined;
        if (opaque) ref.opaque = opaque;
        refs.push(ref);
      }
      return refs;
    }
    return [];
  }

  function messageStreaming(element: Element, role: Role, generation: MessageGeneration): boolean {
    if (role !== 'assistant') return false;
    const marked = (selector: string) => closest(element, selector) !== null || query(element, selector) !== null;
    if (generation.streaming && marked(generation.streaming)) return true;
    if (generation.complete && !marked(generation.complete)) return true;
    return false;
  }

  function partText(element: Element, role: Role): string {
    const generation = generationOf.get(element) ?? spec.generations[0]!;
    const inner = role === 'user' ? generation.userText : generation.assistantText;
    let scope = inner ? queryAll(element, inner) : [element];
    // Text inside an excluded part (a reasoning panel) is not the message's, even if it matches.
    if (generation.exclude) scope = scope.filter((el) => el === element || !closestWithin(el, generation.exclude!, element));
    if (inner && scope.length === 0) scope = [element];
    const parts: string[] = [];
    // A message's text may be split over several blocks (ChatGPT gen E stream blocks).
    outermost(scope).forEach((el) => parts.push(visibleText(el, generation.exclude)));
    return parts.join('\n').trim();
  }

  function messageText(ref: MessageRef): string {
    // A reply made of several messages reads as all of them, empty ones left out.
    return (ref.parts ?? [ref.element])
      .map((part) => partText(part, ref.role))
      .filter((text) => text !== '')
      .join('\n');
  }

  function stopVisible(root: ParentNode): boolean {
    return first(root, spec.stop) !== null;
  }

  function busy(root: ParentNode): boolean {
    return stopVisible(root) || first(root, spec.streaming) !== null || (spec.isStreamingExtra?.(root) ?? false);
  }

  return {
    spec,
    id: spec.id,
    name: siteName(spec.id),
    conversationId(url) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return null;
      }
      if (spec.conversationParam) {
        const value = u.searchParams.get(spec.conversationParam);
        if (value) return value;
      }
      const path = spec.stripPath ? u.pathname.replace(spec.stripPath, '') || '/' : u.pathname;
      for (const pattern of spec.conversationUrl) {
        const match = pattern.exec(path);
        if (match?.[1]) return match[1];
      }
      return null;
    },
    findComposer: (root) => first(root, spec.composer),
    findTranscript: (root) => first(root, spec.transcript),
    findMessages,
    readTurns(root, conversationId = null) {
      return findMessages(root, conversationId).map((ref) => {
        const turn: Turn = { key: ref.key, role: ref.role, text: messageText(ref), streaming: ref.streaming };
        if (ref.opaque) turn.opaque = ref.opaque;
        return turn;
      });
    },
    messageText,
    stopVisible,
    busy,
    isStreaming(root) {
      return busy(root) || findMessages(root, null).some((m) => m.streaming);
    },
    isSendControl(target) {
      return spec.send.some((selector) => closest(target, selector) !== null);
    },
    modelLabel(root) {
      // The first source, and its first match in document order, that reads as a label.
      for (const source of spec.modelLabel) {
        for (const el of queryAll(root, source.selector)) {
          const label = readLabel(el, source);
          if (label) return label;
        }
      }
      return null;
    },
    replyModel(root) {
      // The last reply in document order that names its model.
      for (const source of spec.replyModel ?? []) {
        const found = queryAll(root, source.selector);
        for (let i = found.length - 1; i >= 0; i--) {
          const label = readLabel(found[i]!, source);
          if (label) return label;
        }
      }
      return null;
    },
    composerText,
    composerTextAfterInput,
  };
}

/** What a label source reads on one element: text or attribute, pattern, normalize, whitespace. */
function readLabel(el: Element, source: ModelLabelSource): string {
  let label = (source.attribute ? el.getAttribute(source.attribute) : visibleText(el)) ?? '';
  if (source.pattern) label = source.pattern.exec(label)?.[1] ?? '';
  if (source.normalize) label = source.normalize(label.trim());
  return label.replace(/\s+/g, ' ').trim();
}

/**
 * Messages in document order grouped into replies: a run of assistant messages with no user
 * message and no `breakAt` element between them is one group. `position` is the first part's index
 * among the messages (what position keys were before grouping).
 */
function replyGroups(root: ParentNode, ordered: Element[], roles: Map<Element, Role>, rule: NonNullable<MessageGeneration['mergeReplies']>): { position: number; parts: Element[] }[] {
  const breaks = rule.breakAt ? queryAll(root, rule.breakAt).filter((el) => !roles.has(el)) : [];
  const breakSet = new Set(breaks);
  const sequence = breaks.length ? sortInDocumentOrder([...ordered, ...breaks]) : ordered;
  const groups: { position: number; parts: Element[] }[] = [];
  let open: { position: number; parts: Element[] } | null = null;
  let position = 0;
  for (const el of sequence) {
    if (breakSet.has(el)) {
      open = null;
      continue;
    }
    if (roles.get(el) === 'assistant' && open) {
      open.parts.push(el);
    } else {
      const group = { position, parts: [el] };
      groups.push(group);
      open = roles.get(el) === 'assistant' ? group : null;
    }
    position++;
  }
  return groups;
}

function closestWithin(el: Element, selector: string, boundary: Element): boolean {
  for (let node = el.parentElement; node && node !== boundary; node = node.parentElement) {
    if (matches(node, selector)) return true;
  }
  return false;
}

function sortInDocumentOrder(elements: Element[]): Element[] {
  return elements.sort((a, b) => {
    if (a === b) return 0;
    // DOCUMENT_POSITION_FOLLOWING = 4
    return a.compareDocumentPosition(b) & 4 ? -1 : 1;
  });
}
