/** The `blastmap` command: the same core as the app, headless, for pipelines. */
import { parseArgs, UsageError } from './args';
import { runAnalyze, type Output } from './analyze';
import { runGenerate } from './generate';
import { runBenchAnalysis } from './bench';
import { runAdmins, runBlast, runCan, runPaths, runTechniques, runWhoCan } from './analysis-commands';
import { safe, textLines } from './terminal-safe';
import { runFindings } from './findings';
import { runExport } from './export';
import { runDiff } from './diff';
import { runWhatIf } from './whatif';

const HELP = `blastmap: identity blast-radius analysis of cloud IAM exports, offline.

Usage:
  blastmap analyze <files or folders...> [--json]   import exports, print a summary (or JSON)
  blastmap can <exports...> --principal ARN --action ACTION --resource ARN [--json]
  blastmap can <exports...> --batch REQUESTS.ndjson      one NDJSON line per request line (errors too)
  blastmap blast <exports...> --from ID [--json]          blast radius of an identity/credential/secret
  blastmap paths <exports...> --from ID --to ID|admin [--k N] [--json]
  blastmap who-can <exports...> --to ID [--action ACTION] [--json]
  blastmap admins <exports...> [--json]                   admins and who can become admin
  blastmap techniques [--json]                            modelled escalation techniques
  blastmap findings <exports...> [--json | --format sarif] [--min-severity S]
                    [--stale-days 90] [--very-old-days 365] [--owner-keys owner,team]
                    [--many-readers 10] [--classification OVERRIDES.json]
                                                    non-human-identity risk findings (OWASP NHI Top 10),
                                                    lifecycle metrics and identities ranked by risk
  blastmap export <exports or snapshot...> --format F --out PATH [--gzip] [--title T]
                                                    F: snapshot (a .gz PATH or --gzip compresses), csv (PATH a
                                                    folder: findings, inventory, edges), sarif, html (one
                                                    self-contained report), opengraph (BloodHound CE),
                                                    neo4j-csv (PATH a folder), cypher
  blastmap diff OLD NEW [--json] [--fail-on new-admin-path,new-critical,new-finding]
                                                    what changed between two snapshots or exports:
                                                    identities, credentials, grants, findings, paths to
                                                    admin opened and closed, blast radius per identity;
                                                    exit 3 when a --fail-on gate trips (named on stderr)
  blastmap whatif <exports or snapshot...> --changes plan.json [--json]
                                                    simulate removals (statement, attachment, membership,
                                                    trust, credential, federation, grant, identity): the
                                                    figures before and after, and the remediation plan
  blastmap generate --principals N [--seed N] [--account ID] [--plants N] [--decoys N] --out DIR
                                                    write a realistic account with planted escalation paths and
                                                    decoys: DIR/gaad.json, credential-report.json, expected.json
  blastmap generate --out FILE [--users N] [--roles N] [--policies N] [--seed N]
                                                    write a synthetic benchmark account (GAAD format)

--from also takes a token no export describes: oidc:<issuer host>:<subject> (e.g.
oidc:token.actions.githubusercontent.com:repo:acme/web:ref:refs/heads/main; --audience sets its
aud, default sts.amazonaws.com): it reaches the identities whose trust admits it.

Every command that reads exports also takes a snapshot (blastmap export --format snapshot) in
their place, and prints what it printed for the exports it was made from. analyze --json prints
durations only with --timings, so the same input gives the same bytes.

Every command that reads exports takes --as-of YYYY-MM-DD (or a full ISO time): the analysis
date for every judgement of age and for aws:CurrentTime. Without it, the date the exports were
taken (the credential report's GeneratedTime, else their newest timestamp) is used; --json output
carries the date used as "asOf".

A path that is missing, unreadable, a symlink loop or not a regular file (named pipe, socket,
device), and a file over the size limit, is reported on stderr ("blastmap: <path>: ...; skipped")
and listed as rejected; the other files are analysed.

Exit codes: 0 every file imported; 1 some file rejected, missing or skipped (the analysis of the
rest is still printed); 2 bad usage; 3 a diff gate tripped (--fail-on); 4 internal error
("blastmap: internal error: ..."; BLASTMAP_DEBUG=1 adds the stack trace).`;

/** Exit codes (documented in HELP and the README). */
export const EXIT = { ok: 0, rejected: 1, usage: 2, gate: 3, internal: 4 } as const;

export async function main(argv: readonly string[], rawIo: Output): Promise<number> {
  // Every message on stderr is one line whose content may quote exports: made terminal-safe here.
  // Standard output is made safe by each command (lines of text, or JSON).
  const io: Output = { out: rawIo.out, err: (s) => rawIo.err(safe(s)) };
  try {
    const args = parseArgs(argv, new Set(['out', 'users', 'roles', 'policies', 'seed', 'principals', 'account', 'plants', 'decoys', 'principal', 'action', 'resource', 'batch', 'from', 'to', 'k', 'as-of', 'audience', 'admins-out', 'format', 'min-severity', 'stale-days', 'very-old-days', 'owner-keys', 'many-readers', 'classification', 'title', 'fail-on', 'changes', 'add']));
    if (args.flags.has('help') || args.command === 'help') {
      io.out(HELP);
      return 0;
    }
    const json = args.flags.has('json');
    switch (args.command) {
      case 'analyze':
        return await runAnalyze(args.paths, args.flags, json, io);
      case 'can':
        return await runCan(args.paths, args.flags, json, io);
      case 'blast':
        return await runBlast(args.paths, args.flags, json, io);
      case 'paths':
        return await runPaths(args.paths, args.flags, json, io);
      case 'who-can':
        return await runWhoCan(args.paths, args.flags, json, io);
      case 'admins':
        return await runAdmins(args.paths, args.flags, json, io);
      case 'techniques':
        return runTechniques(json, io);
      case 'findings':
        return await runFindings(args.paths, args.flags, json, io);
      case 'export':
        return await runExport(args.paths, args.flags, io);
      case 'diff':
        return await runDiff(args.paths, args.flags, json, io);
      case 'whatif':
        return await runWhatIf(args.paths, args.flags, json, io);
      case 'bench-analysis':
        return await runBenchAnalysis(args.paths, args.flags, io);
      case 'generate':
        return runGenerate(args.flags, io);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`blastmap: ${e.message}`);
      rawIo.err(`\n${HELP}`);
      return EXIT.usage;
    }
    reportInternalError(e, rawIo);
    return EXIT.internal;
  }
}

/**
 * A failure that is not the user's: one clean line (the stack only with BLASTMAP_DEBUG=1), and an
 * exit code of its own so that a pipeline never mistakes it for "some file was rejected" (1).
 */
export function reportInternalError(e: unknown, io: Output): void {
  const message = e instanceof Error ? e.message : String(e);
  io.err(`blastmap: internal error: ${safe(message)}`);
  if (process.env.BLASTMAP_DEBUG === '1' && e instanceof Error && e.stack) io.err(textLines(e.stack.split('\n')));
}
