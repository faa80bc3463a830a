// The name of the TXT registry record ExternalDNS v0.22 writes for a record, and the way back.
import { REGISTRY_TYPE_WORDS, type RegistryTypeWord } from './record-type-words';

const TYPE_TEMPLATE = '%{record_type}';
const MAX_LABEL_LENGTH = 63;

/** One cluster's ExternalDNS flags: `--txt-prefix`, `--txt-suffix`, `--txt-wildcard-replacement`. */
export interface TxtRegistryConfig {
  prefix: string;
  suffix: string;
  wildcardReplacement: string;
}

export const DEFAULT_TXT_REGISTRY_CONFIG: TxtRegistryConfig = {
  prefix: '',
  suffix: '',
  wildcardReplacement: '',
};

/** Why ExternalDNS would refuse to start with these flags, or null when it accepts them. */
export function explainTxtRegistryConfigProblem(config: TxtRegistryConfig): string | null {
  if (config.prefix.length > 0 && config.suffix.length > 0) {
    return 'ExternalDNS refuses --txt-prefix and --txt-suffix together ("mutual exclusive"): set only one of them.';
  }
  return null;
}

export type RegistryNameResult = { ok: true; name: string } | { ok: false; reason: string };

/**
 * The new-format registry name for a record: prefix + `<type>-` + first label + suffix + `.` +
 * the rest, lower-case prefix, suffix and type, with `%{record_type}` in an affix taking the place
 * of `<type>-`, and a leading `*` label replaced by the wildcard replacement when one is set.
 * No name when ExternalDNS would write none: flags it refuses, a label over 63 characters (it logs
 * an error and the record stays unowned), or a name outside the zone (the apex record's TXT,
 * which the provider drops: only a `%{record_type}` prefix ending in `.` keeps it inside).
 */
export function registryRecordName(
  record: { name: string; type: string },
  config: TxtRegistryConfig,
  zoneName: string,
): RegistryNameResult {
  const problem = explainTxtRegistryConfigProblem(config);
  if (problem !== null) return { ok: false, reason: problem };
  const name = txtNameFor(record.name, record.type, config);
  const tooLong = name.split('.').find((label) => label.length > MAX_LABEL_LENGTH);
  if (tooLong !== undefined) {
    return {
      ok: false,
      reason: `The registry name ${name} would have a label of ${tooLong.length} characters (DNS allows ${MAX_LABEL_LENGTH}); ExternalDNS writes no TXT record, so the record stays unowned.`,
    };
  }
  const zone = zoneName.toLowerCase().replace(/\.$/, '');
  if (name !== zone && !name.endsWith(`.${zone}`)) {
    return {
      ok: false,
      reason: `The registry name ${name} falls outside the zone ${zone}; ExternalDNS drops it, so the record stays unowned.`,
    };
  }
  return { ok: true, name };
}

/** ExternalDNS's name mapping itself, with no checks (it lower-cases the affixes, not the name). */
export function txtNameFor(
  recordName: string,
  recordType: string,
  config: TxtRegistryConfig,
): string {
  const type = recordType.toLowerCase();
  const prefix = config.prefix.toLowerCase().replaceAll(TYPE_TEMPLATE, type);
  const suffix = config.suffix.toLowerCase().replaceAll(TYPE_TEMPLATE, type);
  const dot = recordName.indexOf('.');
  let first = dot < 0 ? recordName : recordName.slice(0, dot);
  const replacement = config.wildcardReplacement.toLowerCase();
  if (replacement !== '' && first === '*') first = replacement;
  if (!typeInAffix(config)) first = `${type}-${first}`;
  return dot < 0
    ? prefix + first + suffix
    : `${prefix}${first}${suffix}.${recordName.slice(dot + 1)}`;
}

/** A registry name read back: the record it names, and its type (null: old format, any type). */
export interface RegistryTarget {
  name: string;
  type: RegistryTypeWord | null;
}

/**
 * The record ExternalDNS takes a registry TXT name to stand for under these flags, or null when
 * the name does not carry them (ExternalDNS files such a record under an empty name that no
 * record has). Old-format names give type null. Input is lower-cased first, as ExternalDNS does.
 */
export function recordForRegistryName(
  txtName: string,
  config: TxtRegistryConfig,
): RegistryTarget | null {
  const name = txtName.toLowerCase();
  const prefix = config.prefix.toLowerCase();
  const suffix = config.suffix.toLowerCase();
  if (suffix === '') return dropAffix(name, prefix, '');
  if (prefix !== '') return null; // flags ExternalDNS refuses: nothing was written with them
  const dots = countDots(suffix);
  const parts = splitN(name, '.', 2 + dots);
  if (parts.length <= dots) return null;
  const head = dropAffix(parts.slice(0, 1 + dots).join('.'), '', suffix);
  if (head === null) return null;
  const rest = parts[1 + dots];
  return rest === undefined ? head : { name: `${head.name}.${rest}`, type: head.type };
}

/**
 * Every record a registry TXT name could have been written for: ExternalDNS's reading first, then,
 * when that reading took a type word off an old-format name (`a-b.example.com` read as the A
 * record `b.example.com`), the old-format reading ExternalDNS does not use (any record at
 * `a-b.example.com`).
 */
export function candidateRecordsForRegistryName(
  txtName: string,
  config: TxtRegistryConfig,
): { target: RegistryTarget; readByExternalDns: boolean }[] {
  const reading = recordForRegistryName(txtName, config);
  if (reading === null) return [];
  const candidates = [{ target: reading, readByExternalDns: true }];
  if (reading.type !== null && !typeInAffix(config)) {
    const oldFormat = stripAffixOnly(txtName.toLowerCase(), config);
    if (oldFormat !== null && oldFormat !== reading.name) {
      candidates.push({ target: { name: oldFormat, type: null }, readByExternalDns: false });
    }
  }
  return candidates;
}

function typeInAffix(config: TxtRegistryConfig): boolean {
  return config.prefix.includes(TYPE_TEMPLATE) || config.suffix.includes(TYPE_TEMPLATE);
}

// ExternalDNS's dropAffixExtractType: with a template, try each type word in turn; then (old
// records) the affix without the template, and the type word from the default position.
function dropAffix(name: string, prefix: string, suffix: string): RegistryTarget | null {
  if (prefix.includes(TYPE_TEMPLATE) || suffix.includes(TYPE_TEMPLATE)) {
    for (const word of REGISTRY_TYPE_WORDS) {
      const p = prefix.replaceAll(TYPE_TEMPLATE, word);
      const s = suffix.replaceAll(TYPE_TEMPLATE, word);
      if (suffix === '' && name.startsWith(p)) return { name: name.slice(p.length), type: word };
      if (suffix !== '' && name.endsWith(s)) {
        return { name: name.slice(0, name.length - s.length), type: word };
      }
    }
    prefix = prefix.replaceAll(TYPE_TEMPLATE, '');
    suffix = suffix.replaceAll(TYPE_TEMPLATE, '');
  }
  if (suffix === '')
    return name.startsWith(prefix) ? typeFromFront(name.slice(prefix.length)) : null;
  return name.endsWith(suffix) ? typeFromFront(name.slice(0, name.length - suffix.length)) : null;
}

// A name with no `-` that is itself a type word ("a") keeps its name, as Go's TrimPrefix leaves it.
function typeFromFront(name: string): RegistryTarget {
  const dash = name.indexOf('-');
  const head = dash < 0 ? name : name.slice(0, dash);
  const word = REGISTRY_TYPE_WORDS.find((w) => w === head);
  if (word === undefined) return { name, type: null };
  return { name: dash < 0 ? name : name.slice(dash + 1), type: word };
}

// The TXT name with only its prefix or suffix removed: the old-format record it would stand for.
function stripAffixOnly(name: string, config: TxtRegistryConfig): string | null {
  const prefix = config.prefix.toLowerCase();
  const suffix = config.suffix.toLowerCase();
  if (suffix === '') return name.startsWith(prefix) ? name.slice(prefix.length) : null;
  const dots = countDots(suffix);
  const parts = splitN(name, '.', 2 + dots);
  const head = parts.slice(0, 1 + dots).join('.');
  if (parts.length <= dots || !head.endsWith(suffix)) return null;
  const rest = parts[1 + dots];
  const stripped = head.slice(0, head.length - suffix.length);
  return rest === undefined ? stripped : `${stripped}.${rest}`;
}

function countDots(text: string): number {
  return text.split('.').length - 1;
}

// Go's strings.SplitN: at most n parts, the last one holding the rest.
function splitN(text: string, separator: string, n: number): string[] {
  const parts = text.split(separator);
  if (parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}
