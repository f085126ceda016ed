/**
 * Typing into a long draft, as the keystroke figures measure it: 150 characters appended, then 150
 * typed in the middle. Each keystroke goes the product's way: an edit request to a CountingService
 * session (what the worker receives from the content script), timed from submit to its reply.
 */
import type { Encoding } from '../lib/catalog/schema';
import { CountingService, type CountReply, type CountRequest, type VocabFile } from '../lib/tokens/counting-service';

/** What the typing loops type, over and over. */
export const TYPED = 'The quick brown fox jumps over the lazy dog. 敏捷的狐狸跳过了懒狗。\n';

/**
 * The milliseconds of each keystroke, the text typed and the service's last count (to check against
 * the oracle). The first count of `base` (sent whole, as the client does) is not timed.
 */
export async function typeInto(file: VocabFile, base: string, encoding = 'o200k_base'): Promise<{ samples: number[]; text: string; tokens: number }> {
  let answer: (reply: CountReply) => void = () => {};
  const service = new CountingService(async () => file, (reply) => answer(reply), () => Promise.resolve());
  const ask = (request: Omit<CountRequest, 'session' | 'encoding'>) =>
    new Promise<CountReply>((resolve) => {
      answer = resolve;
      service.submit({ ...request, session: 'bench', encoding: encoding as Encoding });
    });
  let version = 1;
  let reply = await ask({ id: 0, text: base, version });
  const samples: number[] = [];
  let text = base;
  let cursor = Math.floor(base.length / 2);
  for (let i = 0; i < 300; i++) {
    const ch = TYPED[i % TYPED.length]!;
    const offset = i < 150 ? text.length : cursor++;
    text = text.slice(0, offset) + ch + text.slice(offset);
    const request = { id: i + 1, edit: { base: version, offset, removed: 0, inserted: ch, length: text.length }, version: version + 1 };
    version++;
    const t = performance.now();
    reply = await ask(request);
    samples.push(performance.now() - t);
    if (reply.status !== 'ok') throw new Error(`keystroke ${i}: ${JSON.stringify(reply)}`);
  }
  return { samples, text, tokens: reply.status === 'ok' ? reply.tokens : -1 };
}
