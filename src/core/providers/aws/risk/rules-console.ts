/**
 * People using machine identities (OWASP NHI10): a console password, console sign-ins, or a
 * console password without MFA on a user classified non-human. The credential report is what
 * tells them; without it these rules see nothing.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import { nodeEvidence } from '../../../risk/evidence';
import type { RuleInfo, RuleSet } from '../../../risk/types';
import { hasConsolePassword } from './classify';

export const NHI_CONSOLE_PASSWORD: RuleInfo = {
  id: 'aws.nhi-console-password',
  title: 'Non-human user with a console password',
  owasp: 'NHI10',
  severity: 'high',
  description: 'A user classified non-human has a console password (login profile): a person can sign in as the workload, and its actions are then no one\'s.',
  remediation: 'Delete the login profile; people sign in with their own identity (IAM Identity Center) and assume roles.',
};

export const NHI_CONSOLE_SIGNIN: RuleInfo = {
  id: 'aws.nhi-console-signin',
  title: 'Non-human user signed in to the console',
  owasp: 'NHI10',
  severity: 'high',
  description: 'A user classified non-human has a recorded console sign-in (the credential report\'s password_last_used): someone used it interactively.',
  remediation: 'Find out who signed in (CloudTrail ConsoleLogin events), give them their own identity, and delete the login profile.',
};

export const NHI_CONSOLE_NO_MFA: RuleInfo = {
  id: 'aws.nhi-console-no-mfa',
  title: 'Non-human user with a console password and no MFA',
  owasp: 'NHI10',
  severity: 'high',
  description: 'A user classified non-human has a console password and no MFA device: a guessed or leaked password is enough to sign in as it.',
  remediation: 'Delete the login profile (a workload never needs one); if a person must keep it for now, enforce MFA.',
};

/** The credential report row, as the password's edge cites it; else the user's record. */
function passwordEvidence(graph: BlastGraph, user: string): Evidence[] {
  const out: Evidence[] = [];
  graph.forEachInEdge(user, (_e, a, _s, _t, src) => {
    if (a.kind === 'credentialOf' && src.kind === 'password') out.push(...a.evidence);
  });
  return out.length ? out : nodeEvidence(graph, user);
}

export const awsConsoleRules: RuleSet = {
  rules: [NHI_CONSOLE_PASSWORD, NHI_CONSOLE_SIGNIN, NHI_CONSOLE_NO_MFA],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    g.forEachNode((user, n) => {
      if (n.kind !== 'user' || n.provider !== 'aws' || n.placeholder || !ctx.isNhi(user)) return;
      const password = hasConsolePassword(g, user);
      const lastSignIn = typeof n.attributes.passwordLastUsed === 'string' ? n.attributes.passwordLastUsed : undefined;
      if (!password && lastSignIn === undefined) return;
      const evidence = passwordEvidence(g, user);
      if (password) emit(NHI_CONSOLE_PASSWORD, { subject: user, evidence, detail: `${n.name}: has a console password.`, remediation: `Delete the login profile of user ${n.name} (aws iam delete-login-profile --user-name ${n.name}).` });
      if (lastSignIn !== undefined) {
        emit(NHI_CONSOLE_SIGNIN, {
          subject: user,
          evidence,
          detail: `${n.name}: last console sign-in ${lastSignIn.slice(0, 10)}${password ? '' : ' (its password has since been removed)'}.`,
          remediation: `Find who signed in as user ${n.name} (CloudTrail ConsoleLogin events for it), give them their own identity${password ? `, and delete the login profile of ${n.name}` : ''}.`,
        });
      }
      if (password && n.attributes.mfaActive !== true) {
        emit(NHI_CONSOLE_NO_MFA, { subject: user, evidence, detail: `${n.name}: has a console password and no MFA device.`, remediation: `Delete the login profile of user ${n.name}; until then, assign it an MFA device.` });
      }
    });
  },
};
