/**
 * Portfolio scope (issue 7): a bank sees the subjects it looks after — its watchlists and its authorisations —
 * and their linked parties up to BANK_SCOPE_DEPTH relationships away, never anything else, including through
 * networks, paths and screening hits. Every other role is unrestricted. The reachable set is computed
 * breadth-first over every relationship ever recorded (a past director is still a linked party) and cached per
 * organisation for a few seconds; writes that change a portfolio invalidate it in this process at once.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import { isPortfolioScoped } from '../../domain/access/roles.ts';
import { RELATION_KINDS } from '../../domain/vocabulary.ts';
import { todayInChina } from '../../jobs/projection/load-projection.ts';
import { AppError } from '../errors.ts';
import type { Principal, RequestScope } from './request-context.ts';

export interface ScopeSettings {
  depth: number;
  maxSubjects: number;
  cacheMs: number;
}

const CHUNK = 1000;

const UNRESTRICTED: RequestScope = {
  unrestricted: true,
  async assertVisible() {},
  async filterVisible(ids) {
    return new Set(ids);
  },
};

export class PortfolioScopes {
  private readonly cache = new Map<string, { at: number; ids: Promise<Set<string>> }>();

  constructor(
    private readonly gateway: CypherGateway,
    private readonly settings: ScopeSettings,
  ) {}

  /** The scope of a principal; one object per request, so the portfolio is read at most once per request. */
  scopeFor(principal: Principal | null): RequestScope {
    if (!principal || !isPortfolioScoped(principal.role)) return UNRESTRICTED;
    let ids: Promise<Set<string>> | null = null;
    const visible = () => {
      ids ??= this.portfolio(principal);
      return ids;
    };
    return {
      unrestricted: false,
      async assertVisible(subjectId) {
        if (!(await visible()).has(subjectId)) {
          throw new AppError(
            403,
            'OUT_OF_SCOPE',
            `subject ${subjectId} is outside your organisation's portfolio: add it to a watchlist or record an authorisation for it first`,
            { subject: subjectId },
          );
        }
      },
      async filterVisible(subjectIds) {
        const set = await visible();
        return new Set(subjectIds.filter((id) => set.has(id)));
      },
    };
  }

  /** Forgets the cached portfolio after a watchlist or authorisation change. */
  invalidate(org: string | null, accountId?: string): void {
    this.cache.delete(org ?? `account:${accountId}`);
    if (org === null && accountId === undefined) this.cache.clear();
  }

  private portfolio(principal: Principal): Promise<Set<string>> {
    const key = principal.org ?? `account:${principal.accountId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.settings.cacheMs) return hit.ids;
    const ids = this.compute(principal);
    this.cache.set(key, { at: Date.now(), ids });
    ids.catch(() => this.cache.delete(key));
    return ids;
  }

  private async compute(principal: Principal): Promise<Set<string>> {
    const seeds = await this.gateway.read<{ id: string }>('access/portfolio-seeds', {
      org: principal.org,
      accountId: principal.accountId,
      today: todayInChina(),
    });
    const reached = new Set(seeds.map((r) => r.id));
    let frontier = [...reached];
    for (let hop = 1; hop <= this.settings.depth && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i += CHUNK) {
        const rows = await this.gateway.read<{ id: string }>('analytics/expand-frontier', {
          ids: frontier.slice(i, i + CHUNK),
          types: [...RELATION_KINDS],
          direction: 'both',
          asOf: null,
          limit: this.settings.maxSubjects + 1,
        });
        for (const { id } of rows) {
          if (reached.has(id)) continue;
          // A portfolio this large means the depth is set too high for the graph; refuse rather than leak.
          if (reached.size >= this.settings.maxSubjects) {
            throw new AppError(
              503,
              'SCOPE_TOO_LARGE',
              `your portfolio reaches more than ${this.settings.maxSubjects} subjects within ${this.settings.depth} hops; ask an administrator to lower BANK_SCOPE_DEPTH or raise BANK_SCOPE_MAX_SUBJECTS`,
            );
          }
          reached.add(id);
          next.push(id);
        }
      }
      frontier = next;
    }
    return reached;
  }
}
