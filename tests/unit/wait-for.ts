/**
 * Waits until `read` gives something (a rendered view that reads the ledger or storage first), up
 * to 200 turns of the event loop 10 ms apart; throws naming `what` otherwise.
 */
export async function waitFor<T>(read: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the view never showed ${what}`);
}
