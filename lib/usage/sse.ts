/**
 * A Server-Sent Events reader fed with text as it arrives, in pieces of any size: a line buffer,
 * `event:` and `data:` fields, an event dispatched at each blank line (and at the end). Some
 * streams separate events by a single newline (claude.ai, 2026-04): a field line after data that
 * is already a whole JSON value starts a new event, so each such data line still yields its own.
 */
export interface SseEvent {
  event: string;
  data: string;
}

export function createSseReader(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let sawCarriageReturn = false;

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return; // a comment (keep-alive)
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (data.length > 0 && isWholeJson(data.join('\n'))) dispatch();
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(text: string) {
      // "\r\n" may be split across two pieces: a "\n" right after a "\r" ends nothing new.
      if (sawCarriageReturn && text.startsWith('\n')) text = text.slice(1);
      sawCarriageReturn = text.endsWith('\r');
      // What is left in the buffer holds no line end: only the new text is scanned.
      const from = buffer.length;
      buffer += text;
      let start = 0;
      for (let i = from; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i));
        if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      if (buffer) line(buffer);
      buffer = '';
      dispatch();
    },
  };
}

/** A JSON object or array, whole (the only data that can stand for a finished event). */
function isWholeJson(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
