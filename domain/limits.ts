/**
 * Shared limits. Every number is a default that bounds cost or abuse, not a business rule; keep the reason next
 * to it so that nobody raises one without knowing what it protects.
 */
export const LIMITS = {
  /**
   * Path and neighbourhood queries. Joint punishment reaches a company's persons and, through them, the companies
   * they reappear behind (domain.md §6): that is 2–4 hops. Beyond 6 almost every subject in a province is linked
   * to every other through large shareholders and nominee directors, so deeper results are noise and cost
   * grows exponentially with depth.
   */
  maxHops: 6,
  /** Nodes in one graph answer: above this an interactive view is unreadable and the payload is megabytes. */
  maxNodesReturned: 2000,
  /** Rows per write transaction on import: large enough to amortise the round trip, small enough to keep one
   * transaction's memory bounded and a failed batch cheap to retry. */
  importBatchSize: 2000,
  /** Registered names of Chinese organisations rarely exceed 60 characters; 200 leaves room for branch names
   * and transliterations while rejecting a whole paragraph pasted into the name column. */
  maxNameLength: 200,
  maxAddressLength: 500,
  /** Titles and legal-basis citations ("依据《中华人民共和国税收征收管理法》第六十三条…") can be long. */
  maxTextLength: 2000,
  /** Ids from source systems and provenance labels. */
  maxIdLength: 128,
  maxSourceLength: 200,
  maxPhoneLength: 32,
  maxEmailLength: 254,
} as const;

export type Limits = typeof LIMITS;
