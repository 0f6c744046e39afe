/** A CSV's header, to look fields up by column name. */
export class Columns {
  readonly #index = new Map<string, number>();

  constructor(readonly header: readonly string[]) {
    header.forEach((name, index) => {
      const key = name.trim();
      if (!this.#index.has(key)) this.#index.set(key, index);
    });
  }

  has(name: string): boolean {
    return this.#index.has(name);
  }

  /** The field of `record` under `name`; undefined when there is no such column. */
  get(record: readonly string[], name: string): string | undefined {
    const index = this.#index.get(name);
    return index === undefined ? undefined : record[index];
  }
}
