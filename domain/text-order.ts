/**
 * Two orders for strings. `compareText` is the order `a.localeCompare(b)` gives (default locale, default options),
 * from one shared collator: the same result, but `localeCompare` sets up its comparison on every call. It still
 * picks which relation is reported as a role's path when several grant it (role-resolution.ts), so the reported
 * paths of stored inclusions do not change.
 *
 * `compareIds` is code-unit order, for identifiers: about three times faster than the collator on inclusion ids,
 * and propagation sorts every record's inclusions and bindings several times. Nothing depends on the order of a
 * stored binding's parallel lists: a binding is read back into inclusions and re-sorted before any comparison
 * (jobs/propagate/store.ts `changedBindings`), so bindings written in the collator's order read the same.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
