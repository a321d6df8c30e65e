/**
 * What an IAM name says about who uses it. Names are all an export has for many users, and teams
 * name service users after what runs them (`svc-billing`, `ci-deployer`, `jenkins`) and groups
 * after the people in them (`developers`, `ops-team`). A word counts only as a whole token, so
 * `capital` does not read as `api` nor `rapid` as `app`.
 */

/** Words of a service user's name. */
const SERVICE_WORDS = new Set([
  'svc', 'service', 'services', 'bot', 'bots', 'robot', 'ci', 'cd', 'cicd', 'deploy', 'deployer', 'deployment',
  'automation', 'pipeline', 'pipelines', 'jenkins', 'terraform', 'github', 'gitlab', 'backup', 'backups', 'sync',
  'integration', 'integrations', 'api', 'app', 'apps',
]);

/** Words of a group of people's name. */
const PEOPLE_WORDS = new Set([
  'developer', 'developers', 'devs', 'engineer', 'engineers', 'engineering', 'admin', 'admins', 'administrators',
  'staff', 'employee', 'employees', 'human', 'humans', 'user', 'users', 'people', 'team', 'teams', 'analyst', 'analysts',
  'contractor', 'contractors', 'intern', 'interns', 'operators', 'support',
]);

/** `deployBot_2` → deploy, bot, 2: separators, case changes (`ETLLoader`) and digits split words. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words, and pairs of words written as one elsewhere (`GitHub` splits into git, hub). */
function words(name: string): string[] {
  const t = nameTokens(name);
  return [...t, ...t.slice(1).map((w, i) => t[i] + w)];
}

/** The first word of `name` that reads like a service, or undefined. */
export function serviceWord(name: string): string | undefined {
  return words(name).find((t) => SERVICE_WORDS.has(t));
}

/** The first word of a group name that reads like people (and none like a service: `ci-users` is not people). */
export function peopleWord(name: string): string | undefined {
  const tokens = words(name);
  if (tokens.some((t) => SERVICE_WORDS.has(t))) return undefined;
  return tokens.find((t) => PEOPLE_WORDS.has(t));
}
