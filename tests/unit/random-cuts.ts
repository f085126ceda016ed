/** Seeded randomness for tests that feed a stream in pieces: the same cuts on every run. */

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` cut at 1–24 random points, in order. */
export function cutAtRandom(text: string, next: () => number): string[] {
  const cuts = [...new Set(Array.from({ length: 1 + Math.floor(next() * 24) }, () => Math.floor(next() * text.length)))].sort((a, b) => a - b);
  return [0, ...cuts].map((at, i) => text.slice(at, cuts[i] ?? text.length));
}
