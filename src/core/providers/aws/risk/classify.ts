/**
 * Human or non-human for AWS users and roles. A user may be either: the credential report tells
 * console access and MFA, names and tags tell the rest. A role is a machine identity unless people
 * reach it: IAM Identity Center permission sets and SAML federation are how people sign in.
 */
import type { Analysis } from '../../../analysis/analysis';
import type { BlastGraph } from '../../../graph/graph';
import { personSign, type ClassifyHook, type Nature } from '../../../risk/classify';
import type { RiskNode } from '../../../risk/types';
import { peopleWord, serviceWord } from './names';

type Verdict = { nature: Nature; reason: string };

/** Console access: the report's password_enabled, or a console password node of the user. */
export function hasConsolePassword(graph: BlastGraph, user: string): boolean {
  if (graph.getNodeAttribute(user, 'attributes').passwordEnabled === true) return true;
  return graph.filterInEdges(user, (_e, a, _s, _t, src) => a.kind === 'credentialOf' && src.kind === 'password' && !src.placeholder).length > 0;
}

/** Names of the groups a user is a member of. */
export function groupNames(graph: BlastGraph, user: string): string[] {
  const out: string[] = [];
  graph.forEachOutEdge(user, (_e, a, _s, _t, _sa, target) => {
    if (a.kind === 'memberOf') out.push(target.name);
  });
  return out;
}

function classifyUser(node: RiskNode, graph: BlastGraph): Verdict {
  const a = node.attributes;
  const password = hasConsolePassword(graph, node.id);
  // Order matters: the strongest sign of a person first, then what names say, then access alone.
  if (password && a.mfaActive === true) return { nature: 'human', reason: 'console password with MFA' };
  const sign = personSign(node);
  if (sign) return { nature: 'human', reason: sign };
  const word = serviceWord(node.name);
  if (word) return { nature: 'non-human', reason: `its name reads like a service ("${word}")${password ? ', although it has a console password' : ''}` };
  const people = groupNames(graph, node.id).find((g) => peopleWord(g) !== undefined);
  if (people !== undefined) return { nature: 'human', reason: `member of group ${people}` };
  if (password) return { nature: 'human', reason: 'console password (without MFA): a person signs in' };
  if (a.credentialReport === true) return { nature: 'non-human', reason: 'programmatic access only: no console password' };
  return { nature: 'non-human', reason: 'nothing in the exports shows a person (no credential report row, no e-mail, no group of people)' };
}

const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';

function classifyRole(node: RiskNode, graph: BlastGraph): Verdict | undefined {
  const path = typeof node.attributes.path === 'string' ? node.attributes.path : '';
  if (node.name.startsWith('AWSReservedSSO_') || path.startsWith(SSO_PATH)) return { nature: 'human', reason: 'IAM Identity Center permission-set role: human federated access' };
  const services: string[] = [];
  const issuers: string[] = [];
  let saml: string | undefined;
  graph.forEachInEdge(node.id, (_e, a, _s, _t, src) => {
    if (a.kind !== 'canAssume') return;
    if (src.kind === 'identityProvider' && src.attributes.protocol === 'SAML') saml ??= src.name;
    else if (src.kind === 'identityProvider') issuers.push(src.name);
    else if (src.kind === 'servicePrincipal') services.push(src.name);
  });
  // People behind a SAML IdP (Okta, Entra ID...) assume it, whatever else it trusts.
  if (saml !== undefined) return { nature: 'human', reason: `assumed through SAML federation (${saml})` };
  if (services.length) return { nature: 'non-human', reason: `trusted by service${services.length > 1 ? 's' : ''} ${services.join(', ')}` };
  if (issuers.length) return { nature: 'non-human', reason: `trusted by OIDC issuer ${issuers.join(', ')}` };
  return undefined;
}

export const awsClassify: ClassifyHook = (node: RiskNode, analysis: Analysis) => {
  if (node.kind === 'user') return classifyUser(node, analysis.graph);
  if (node.kind === 'role') return classifyRole(node, analysis.graph);
  return undefined;
};
