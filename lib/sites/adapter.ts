/**
 * What a site adapter is: selectors as data (ordered fallback lists, newest DOM generation first)
 * plus a few small pure functions derived from them. Site modules only declare a `SiteSpec`;
 * `defineSite` turns it into the functions the content script uses, so every site reads the page
 * the same way and the per-site files stay declarative.
 */
import { siteName, type SiteId } from './hosts';
import { composerText, visibleText } from './text';

export type Role = 'user' | 'assistant';

/** One message on the page, keyed stably: the site's own id where it has one. */
export interface MessageRef {
  key: string;
  role: Role;
  element: Element;
  /** True while this message is still being streamed. */
  streaming: boolean;
}

export interface Turn {
  key: string;
  role: Role;
  text: string;
  streaming: boolean;
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
  modelLabel: ModelLabelSource[];
  /** The page normally shows the model; its absence makes tracking degraded. */
  modelLabelRequired?: boolean;
  /** Labels that name no particular model ("Model", "Best", "Auto"): the default model applies. */
  genericModelLabels?: string[];
  /** A site whose streaming state no selector can express (DeepSeek's dual-use button). */
  isStreamingExtra?: (root: ParentNode) => boolean;
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
  modelLabel(root: ParentNode): string | null;
  composerText(composer: Element): string;
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
      const refs: MessageRef[] = [];
      const seenKeys = new Map<string, number>();
      ordered.forEach((element, position) => {
        const role = roles.get(element)!;
        generationOf.set(element, generation);
        const siteId = generation.idFrom ? siteMessageId(element, generation.idFrom, root) : null;
        // The site's own id where it has one; else the conversation and the position. Never text.
        let key = siteId ? `${siteId}:${role}` : `${conversationId ?? 'new'}#${position}:${role}`;
        const n = seenKeys.get(key) ?? 0;
        seenKeys.set(key, n + 1);
        if (n > 0) key = `${key}#${n}`;
        refs.push({ key, role, element, streaming: messageStreaming(element, role, generation) });
      });
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

  function messageText(ref: MessageRef): string {
    const generation = generationOf.get(ref.element) ?? spec.generations[0]!;
    const inner = ref.role === 'user' ? generation.userText : generation.assistantText;
    let scope = inner ? queryAll(ref.element, inner) : [ref.element];
    // Text inside an excluded part (a reasoning panel) is not the message's, even if it matches.
    if (generation.exclude) scope = scope.filter((el) => el === ref.element || !closestWithin(el, generation.exclude!, ref.element));
    if (inner && scope.length === 0) scope = [ref.element];
    const parts: string[] = [];
    // A message's text may be split over several blocks (ChatGPT gen E stream blocks).
    outermost(scope).forEach((el) => parts.push(visibleText(el, generation.exclude)));
    return parts.join('\n').trim();
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
      return findMessages(root, conversationId).map((ref) => ({ key: ref.key, role: ref.role, text: messageText(ref), streaming: ref.streaming }));
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
      for (const source of spec.modelLabel) {
        const el = query(root, source.selector);
        if (!el) continue;
        let label = (source.attribute ? el.getAttribute(source.attribute) : visibleText(el)) ?? '';
        if (source.pattern) label = source.pattern.exec(label)?.[1] ?? '';
        if (source.normalize) label = source.normalize(label.trim());
        label = label.replace(/\s+/g, ' ').trim();
        if (!label) continue;
        if (spec.genericModelLabels?.some((g) => g.toLowerCase() === label.toLowerCase())) return null;
        return label;
      }
      return null;
    },
    composerText,
  };
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
