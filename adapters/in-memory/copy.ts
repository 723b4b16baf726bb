/** A deep copy that keeps the prototype, so stored entities never alias what a use case holds. */
export function copy<T extends object>(entity: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(entity)) as T, structuredClone({ ...entity }));
}
