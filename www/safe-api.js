// The core's API as the views get it (ctx.api), guarded: a trap in the WebAssembly
// (`WebAssembly.RuntimeError`, e.g. a Rust panic → `unreachable`) leaves that instance unusable, so
// a trapped call is reported to `onTrap` (which loads a fresh instance) and rethrown as an error
// with a message in Chinese and English. Calls always go to the current instance (`getCore()`).
// Objects made by the core (RuleSet, BatchRun) are guarded the same way. Each of the two modules
// (the scoring core, the tools) is guarded and replaced on its own; `joinedApi` shows them as one.

export const TRAP = {
  code: 'E_WASM_TRAP',
  zh: '计算模块出错，已重新加载；您填写的内容已保存',
  en: 'The calculation module failed and has been reloaded; what you typed is saved',
};

export function isTrap(e) {
  return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
}

const isClass = (f) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

/**
 * @template {object} T
 * @param {() => T} getCore
 * @param {(e: unknown) => void} onTrap
 * @returns {T} the core's own API, guarded (a proxy)
 */
export function guardApi(getCore, onTrap) {
  function call(thunk) {
    let out;
    try {
      out = thunk();
    } catch (e) {
      if (!isTrap(e)) throw e;
      onTrap(e);
      throw Object.assign(new Error(TRAP.en), TRAP, { cause: e });
    }
    return wrap(out);
  }
  function wrap(o) {
    if (!o || typeof o !== 'object' || !('__wbg_ptr' in o)) return o;
    return new Proxy(o, {
      get(target, key) {
        const v = call(() => Reflect.get(target, key, target));
        return typeof v === 'function' ? (...args) => call(() => v.apply(target, args)) : v;
      },
    });
  }
  function wrapClass(C) {
    return new Proxy(C, {
      construct(target, args) { return call(() => Reflect.construct(target, args)); },
      get(target, key) {
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' && key !== 'prototype' ? (...args) => call(() => v.apply(target, args)) : v;
      },
    });
  }
  return /** @type {T} */ (new Proxy({}, {
    get(_, key) {
      const v = getCore()[key];
      if (isClass(v)) return wrapClass(v);
      if (typeof v === 'function') return (...args) => call(() => v(...args));
      return v;
    },
    has(_, key) { return key in getCore(); },
  }));
}

/**
 * The guarded API over a module that replaces itself after a trap: `load(n, trapped)` returns (a
 * promise of) the n-th fresh, initialised instance, e.g. the module imported again with
 * `?reload=n` (www/loader.js `freshModule`); `trapped` is the instance it replaces. Hooks:
 * `onRecovered()` once the fresh instance answers calls, `onFailed(error)` if none could be loaded
 * (no further reloading), `onRepeated()` on a 4th trap within a minute (no further reloading).
 * Used by the page (app.js) and by the embedded component (embed.js).
 * @template {object} T
 * @param {T} first
 * @param {(n: number, trapped: T) => T | Promise<T>} load
 * @param {{ onRecovered: () => void, onFailed: (e: unknown) => void, onRepeated: () => void }} hooks
 * @returns {T}
 */
export function recoveringApi(first, load, { onRecovered, onFailed, onRepeated }) {
  let core = first;
  let generation = 0;
  let recovering = false;
  let traps = [];
  function onTrap() {
    if (recovering) return;
    const now = Date.now();
    traps = traps.filter((x) => now - x < 60000).concat(now);
    if (traps.length > 3) { onRepeated(); return; }
    recovering = true;
    generation += 1;
    const n = generation;
    const trapped = core;
    setTimeout(async () => {
      let fresh;
      try { fresh = await load(n, trapped); } catch (e) { onFailed(e); return; }
      core = fresh;
      recovering = false;
      onRecovered();
    }, 0);
  }
  return guardApi(() => core, onTrap);
}

/** One API over several guarded ones (`parts()`: the core's, then the tools' once loaded): a name is looked up in each in turn. */
export function joinedApi(parts) {
  return new Proxy({}, {
    get(_, key) {
      for (const p of parts()) if (key in p) return p[key];
      return undefined;
    },
    has(_, key) { return parts().some((p) => key in p); },
  });
}
