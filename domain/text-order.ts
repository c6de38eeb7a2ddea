/**
 * The order `a.localeCompare(b)` gives (default locale, default options), from one shared collator. Same result,
 * but `localeCompare` sets up its comparison on every call, and sorting inclusions and bindings by id with it
 * was a large share of propagation's CPU time. Stored orders (a binding's parallel lists) must not change, so
 * this keeps the collation rather than switching to code-point order.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
