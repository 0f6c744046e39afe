/**
 * A real, in-memory implementation of the Web Storage interface, so the pixel's storage code
 * runs in Node unchanged. `blocked` makes every access throw, as a browser does when the
 * visitor blocks site data.
 */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  constructor(readonly blocked = false) {}
  #check() {
    if (this.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
  }
  get length() {
    this.#check();
    return this.#items.size;
  }
  clear() {
    this.#check();
    this.#items.clear();
  }
  getItem(key: string) {
    this.#check();
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    this.#check();
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#check();
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#check();
    this.#items.set(key, String(value));
  }
}

/**
 * A cookie jar with `document.cookie`'s interface for the attributes the pixel writes:
 * assigning `name=value; max-age=N; …` sets or (max-age 0) deletes; reading gives
 * `name=value; name2=value2`. `written` keeps every raw assignment for assertions.
 */
export class MemoryCookieJar {
  readonly #values = new Map<string, string>();
  readonly written: string[] = [];
  get cookie() {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  set cookie(assignment: string) {
    this.written.push(assignment);
    const [pair = '', ...attributes] = assignment.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const maxAge = attributes.find((attribute) => attribute.trim().startsWith('max-age='));
    if (maxAge && Number(maxAge.split('=')[1]) <= 0) this.#values.delete(name);
    else this.#values.set(name, pair.slice(separator + 1));
  }
}

/** What the storage code reads from the page: `localStorage`, `document.cookie`, `location`. */
export interface StorageGlobals {
  /** A Storage, or a function that throws as reading `window.localStorage` does when blocked. */
  localStorage: Storage | (() => never);
  document: { cookie: string };
  protocol?: 'https:' | 'http:';
}

/**
 * Installs storage, a cookie jar and the page's protocol as the globals the pixel's storage code
 * uses in a browser; returns a function that removes them again.
 */
export function installStorageGlobals({
  localStorage,
  document,
  protocol = 'https:',
}: StorageGlobals): () => void {
  const names = ['localStorage', 'document', 'location'] as const;
  const values = {
    localStorage:
      typeof localStorage === 'function' ? { get: localStorage } : { get: () => localStorage },
    document: { value: document },
    location: { value: { protocol } },
  };
  for (const name of names) {
    Object.defineProperty(globalThis, name, { ...values[name], configurable: true });
  }
  return () => {
    for (const name of names) Reflect.deleteProperty(globalThis, name);
  };
}

/** Throws as a browser does on any access to storage or cookies the visitor blocked. */
export function blocked(): never {
  throw new DOMException('The operation is insecure.', 'SecurityError');
}
