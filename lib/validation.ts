/** Zod failures as short, user-readable reasons: each bad field by its path, then why. */
import type { z } from 'zod';

export function describeZodError(error: z.ZodError, root = 'message', limit = Infinity): string {
  return error.issues
    .slice(0, limit)
    .map((i) => `${i.path.join('.') || root}: ${i.message}`)
    .join('; ');
}
