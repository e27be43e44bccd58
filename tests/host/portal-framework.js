// A conflicting "framework", as old portals carry: a global $, an AMD define, a polluted prototype.
window.$ = window.jQuery = function () { throw new Error('portal $ called'); };
window.define = function () { throw new Error('portal define called'); };
window.define.amd = { jQuery: true };
// Enumerable additions to built-in prototypes break for…in over arrays and objects.
Array.prototype.remove = function (x) { const i = this.indexOf(x); if (i >= 0) this.splice(i, 1); return this; };
Object.defineProperty(Array.prototype, 'portalFlag', { value: 1, enumerable: true, writable: true, configurable: true });
String.prototype.trim = function () { return this.replace(/^\s+|\s+$/g, ''); };
