/**
 * One evidence path of an alert: the chain watched subject → … → cause, each subject a link to its page, each
 * link named (relationship, role, stake), and a way into the network explorer centred on the cause. Subjects
 * outside the reader's portfolio scope arrive redacted and are shown as such, without links.
 */
import type { EvidenceLink, EvidenceNode, EvidencePath } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { h } from './dom.ts';

function linkText(l: EvidenceLink): string {
  const parts = [tv('rel', l.type)];
  if (l.role) parts.push(tv('role', l.role));
  if (l.stakePct !== undefined) parts.push(`${l.stakePct}%`);
  return parts.join(' ');
}

function node(n: EvidenceNode): HTMLElement {
  if (n.redacted || !n.id) return h('span', { class: 'chip chip-redacted' }, n.name ?? t('alerts.redacted'));
  return h('a', { class: 'chip', href: href.subject(n.id), 'data-id': n.id }, n.name ?? n.id);
}

export function evidencePath(p: EvidencePath, index: number): HTMLElement {
  const chain: Node[] = [];
  p.nodes.forEach((n, i) => {
    chain.push(node(n));
    const l = p.links[i];
    if (l)
      chain.push(
        h('span', { class: 'link-arrow' }, l.reversed ? `← ${linkText(l)} ←` : `→ ${linkText(l)} →`),
      );
  });
  const centre = [...p.nodes].reverse().find((n) => n.id && !n.redacted);
  return h(
    'div',
    { class: 'evidence', 'data-kind': p.kind, 'data-index': index },
    h(
      'div',
      { class: 'evidence-head' },
      h('span', { class: 'tag' }, tv('evidence', p.kind)),
      centre?.id
        ? h(
            'a',
            { class: 'btn small evidence-network', href: href.network(centre.id), 'data-id': centre.id },
            t('alerts.openNetwork'),
          )
        : null,
    ),
    h('div', { class: 'path-chain' }, ...chain),
  );
}
