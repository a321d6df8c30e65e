/** The `blastmap` command: the same core as the app, headless, for pipelines. */
import { parseArgs, UsageError } from './args';
import { runAnalyze, type Output } from './analyze';
import { runGenerate } from './generate';
import { runBenchAnalysis } from './bench';
import { runAdmins, runBlast, runCan, runPaths, runTechniques, runWhoCan } from './analysis-commands';

const HELP = `blastmap: identity blast-radius analysis of cloud IAM exports, offline.

Usage:
  blastmap analyze <files or folders...> [--json]   import exports, print a summary (or JSON)
  blastmap can <exports...> --principal ARN --action ACTION --resource ARN [--json]
  blastmap can <exports...> --batch REQUESTS.ndjson      one NDJSON decision per request line
  blastmap blast <exports...> --from ID [--json]          blast radius of an identity/credential/secret
  blastmap paths <exports...> --from ID --to ID|admin [--k N] [--json]
  blastmap who-can <exports...> --to ID [--action ACTION] [--json]
  blastmap admins <exports...> [--json]                   admins and who can become admin
  blastmap techniques [--json]                            modelled escalation techniques
  blastmap generate --out FILE [--users N] [--roles N] [--policies N] [--seed N]
                                                    write a synthetic account (GAAD format)

--from also takes a token no export describes: oidc:<issuer host>:<subject> (e.g.
oidc:token.actions.githubusercontent.com:repo:acme/web:ref:refs/heads/main; --audience sets its
aud, default sts.amazonaws.com): it reaches the identities whose trust admits it.

Every command that reads exports takes --as-of YYYY-MM-DD (or a full ISO time): the analysis
date for every judgement of age and for aws:CurrentTime. Without it, the date the exports were
taken (the credential report's GeneratedTime, else their newest timestamp) is used; --json output
carries the date used as "asOf".

Exit codes: 0 every file imported, 1 some file rejected, 2 bad usage.`;

export async function main(argv: readonly string[], io: Output): Promise<number> {
  try {
    const args = parseArgs(argv, new Set(['out', 'users', 'roles', 'policies', 'seed', 'principal', 'action', 'resource', 'batch', 'from', 'to', 'k', 'as-of', 'audience']));
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
      io.err(`blastmap: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
}
