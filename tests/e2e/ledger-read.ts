/**
 * Runs inside one of the extension's pages (popup, options): the ledger's turn rows, read straight
 * from the extension's IndexedDB. Shared by both browser drivers (`page.evaluate(readLedgerTurns)`).
 */
export function readLedgerTurns(): Promise<Record<string, unknown>[]> {
  return new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const open = indexedDB.open('spendmeter-ledger');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('turns').objectStore('turns').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result as Record<string, unknown>[]);
      };
      all.onerror = () => reject(all.error);
    };
  });
}
