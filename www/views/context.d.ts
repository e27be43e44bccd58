// What app.js hands every view's `mount(root, ctx)`: for the type check only (`tsconfig.json`;
// like every *.d.ts, not in the precache). The views use the API through `ctx.api`, so the results
// they read are typed by the declarations generated from the Rust types (www/yibao-credit.d.ts).
import type * as Api from '../yibao-credit.js';

export interface ViewContext {
  /** The core's API (guarded against traps: www/safe-api.js). */
  api: typeof Api;
  /** Today on this computer, `YYYY-MM-DD` (the core never reads the clock). */
  today: string;
  /** The page's language. */
  readonly lang: 'zh' | 'en';
  /** The text in the page's language. */
  t(zh: string, en: string): string;
  /** A message at the top of the page. */
  showMessage?(text: string, kind?: 'status' | 'alert'): void;
  /** Removes everything the page saved. */
  clearData?(): void;
  /** Fetches a shipped rule set (by subject type or name) and hands it to the loaded modules. */
  loadRules?(typeOrName: string): Promise<string>;
  /** What the view that opened this one handed over (`go`), taken by the view it was for. */
  handoff?: { form?: number } | null;
  /** Shows another view, handing it `handoff`. */
  go?(id: string, handoff?: { form?: number } | null): void;
  /** Loads the tools module (once); `api` then has its functions too. */
  loadTools?(): Promise<unknown>;
}
