/**
 * Equity penetration tree, up (owners) and down (holdings), built from the contributing chains of
 * /ownership: each tree node shows the stake on its link and the integrated stake of that subject in the root,
 * with the actual controller and beneficial owners (from /controllers) marked.
 */
import type { Controllers, Ownership } from '../api/types.ts';
import { fmtPct, t } from '../i18n.ts';
import { href } from '../router.ts';
import { emptyState, h, subjectLabel, type View } from '../ui/dom.ts';

interface TreeNode {
  id: string;
  stake: number;
  children: Map<string, TreeNode>;
}

export interface OwnershipTreeData {
  up: Ownership;
  down: Ownership;
  controllers: Controllers | null;
}

function buildTree(o: Ownership): TreeNode {
  const root: TreeNode = { id: o.subject.id, stake: 1, children: new Map() };
  for (const s of o.stakes) {
    for (const chain of s.chains) {
      // path[i] holds path[i+1]; walk away from the root subject.
      const ids = o.direction === 'up' ? [...chain.path].reverse() : chain.path;
      const stakes = o.direction === 'up' ? [...chain.stakes].reverse() : chain.stakes;
      let node = root;
      for (let i = 1; i < ids.length; i++) {
        const id = ids[i]!;
        let next = node.children.get(id);
        if (!next) {
          next = { id, stake: stakes[i - 1] ?? 0, children: new Map() };
          node.children.set(id, next);
        }
        node = next;
      }
    }
  }
  return root;
}

export function createOwnershipTree(): View<OwnershipTreeData> {
  const el = h('div', { class: 'ownership-tree', id: 'ownership-tree' });
  return {
    el,
    update({ up, down, controllers }) {
      el.replaceChildren();
      const names = new Map<string, string>();
      const integrated = new Map<string, number>();
      const ultimate = new Set<string>();
      for (const o of [up, down]) {
        names.set(o.subject.id, subjectLabel(o.subject));
        for (const s of o.stakes) {
          names.set(s.id, subjectLabel(s));
          integrated.set(`${o.direction}:${s.id}`, s.integrated);
          if (s.ultimate) ultimate.add(s.id);
        }
      }
      const controllerIds = new Set(controllers?.actualController.controllers.map((c) => c.id) ?? []);
      const ownerIds = new Set(controllers?.beneficialOwners.owners.map((o) => o.id) ?? []);
      const renderNode = (n: TreeNode, direction: 'up' | 'down', depth: number): HTMLElement => {
        const integ = integrated.get(`${direction}:${n.id}`);
        const marks = [
          direction === 'up' && controllerIds.has(n.id)
            ? h('span', { class: 'mark mark-controller' }, t('subject.controller'))
            : null,
          direction === 'up' && ownerIds.has(n.id)
            ? h('span', { class: 'mark mark-owner' }, t('subject.beneficialOwner'))
            : null,
          direction === 'up' && ultimate.has(n.id) && !ownerIds.has(n.id)
            ? h('span', { class: 'mark' }, t('subject.ultimate'))
            : null,
        ];
        const label =
          depth === 0
            ? h('span', { class: 'tree-root' }, names.get(n.id) ?? n.id)
            : h(
                'span',
                { class: 'tree-label' },
                h('a', { href: href.subject(n.id) }, names.get(n.id) ?? n.id),
                h('span', { class: 'stake' }, fmtPct(n.stake)),
                integ !== undefined ? h('span', { class: 'integrated' }, `Σ ${fmtPct(integ)}`) : null,
                ...marks,
              );
        const kids = [...n.children.values()].sort((a, b) => b.stake - a.stake);
        return h(
          'li',
          { 'data-id': n.id },
          label,
          kids.length ? h('ul', {}, ...kids.map((k) => renderNode(k, direction, depth + 1))) : null,
        );
      };
      const section = (title: string, o: Ownership) => {
        const tree = buildTree(o);
        return h(
          'div',
          { class: `tree tree-${o.direction}` },
          h('h4', {}, title),
          tree.children.size === 0
            ? emptyState(t('subject.ownershipEmpty'))
            : h('ul', {}, renderNode(tree, o.direction, 0)),
        );
      };
      el.append(section(t('subject.ownersUp'), up), section(t('subject.holdingsDown'), down));
      if (controllers && controllers.actualController.controllers.length === 0) {
        el.append(
          h(
            'p',
            { class: 'muted' },
            t('subject.noController', { method: controllers.actualController.method }),
          ),
        );
      }
    },
    destroy() {
      el.remove();
    },
  };
}
