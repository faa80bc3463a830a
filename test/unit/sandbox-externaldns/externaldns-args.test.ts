// The flags the sandbox ExternalDNS reads from its Deployment, and the refusals it starts with.
import { describe, expect, it } from 'vitest';
import { matchesDomainFilter, parseExternalDnsArgs } from '@/sandbox/externaldns/externaldns-args';
import { parseSharedCredentials } from '@/sandbox/externaldns/mounted-credentials';
import { parseTtlAnnotation } from '@/sandbox/externaldns/source-endpoints';

describe('parseExternalDnsArgs', () => {
  it('reads --flag=value, --flag value, repeated and comma-separated lists', () => {
    const parsed = parseExternalDnsArgs([
      '--source=service',
      '--source',
      'ingress,node',
      '--txt-owner-id=uid-1',
      '--domain-filter=Acme.Example.com.',
      '--zone-id-filter=/hostedzone/Z1,Z2',
      '--policy',
      'upsert-only',
      '--txt-prefix=TXT.',
      '--aws-prefer-cname',
    ]);
    expect(parsed).toEqual({
      ok: true,
      settings: {
        ownerId: 'uid-1',
        policy: 'upsert-only',
        sources: ['service', 'ingress'],
        ignoredSources: ['node'],
        domainFilters: ['acme.example.com'],
        zoneIdFilters: ['Z1', 'Z2'],
        txtPrefix: 'TXT.',
        txtSuffix: '',
        txtWildcardReplacement: '',
      },
    });
  });

  it.each([
    [['--source=service'], 'flag --policy is required (sync, upsert-only or create-only)'],
    [
      ['--source=service', '--policy=everything'],
      '--policy=everything is not a policy: use sync, upsert-only or create-only',
    ],
    [['--policy=sync'], 'flag --source is required (e.g. --source=service)'],
    [
      ['--source=service', '--policy=sync', '--provider=google'],
      '--provider=google: the sandbox ExternalDNS speaks only aws',
    ],
    [
      ['--source=service', '--policy=sync', '--registry=noop'],
      '--registry=noop: the sandbox ExternalDNS keeps only txt',
    ],
    [
      [
        '--source=service',
        '--policy=sync',
        '--aws-prefer-cname',
        '--txt-prefix=a.',
        '--txt-suffix=-b',
      ],
      '--txt-prefix and --txt-suffix are mutually exclusive',
    ],
    [
      ['--source=service', '--policy=sync'],
      'flag --aws-prefer-cname is required: the sandbox ExternalDNS publishes load balancer hostnames as CNAME records only (without the flag ExternalDNS v0.22 makes A alias records)',
    ],
    [
      ['--source=service', '--policy=sync', '--aws-prefer-cname=false'],
      '--aws-prefer-cname=false: the sandbox ExternalDNS publishes load balancer hostnames as CNAME records only; pass --aws-prefer-cname',
    ],
  ])('refuses %j: %s', (args, error) => {
    expect(parseExternalDnsArgs(args)).toEqual({ ok: false, error });
  });

  it('defaults the owner id to "default", as ExternalDNS does', () => {
    const parsed = parseExternalDnsArgs([
      '--source=service',
      '--policy=sync',
      '--aws-prefer-cname',
    ]);
    expect(parsed.ok && parsed.settings.ownerId).toBe('default');
  });
});

describe('matchesDomainFilter', () => {
  it.each([
    ['acme.example.com', ['acme.example.com'], true],
    ['web.acme.example.com', ['acme.example.com'], true],
    ['webacme.example.com', ['acme.example.com'], false],
    ['web.globex.example.com', ['acme.example.com'], false],
    ['anything.test', [], true],
  ])('%s under %j: %s', (name, filters, expected) => {
    expect(matchesDomainFilter(name, filters)).toBe(expected);
  });
});

describe('parseTtlAnnotation', () => {
  it.each([
    ['60', 60],
    ['2m', 120],
    ['1h30m', 5400],
    [' 45s ', 45],
    ['0', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['5 minutes', undefined],
    ['2147483648', undefined],
  ])('%j is %s', (value, ttl) => {
    expect(parseTtlAnnotation(value)).toBe(ttl);
  });
});

describe('parseSharedCredentials', () => {
  const file = [
    '# written by Zonekeeper',
    '[default]',
    'aws_access_key_id = AKIADEFAULT',
    'aws_secret_access_key = secret/with+chars=',
    '',
    '[profile other]',
    'aws_access_key_id=AKIAOTHER',
    'aws_secret_access_key=other',
    'aws_session_token=token',
  ].join('\n');

  it('reads the named profile', () => {
    expect(parseSharedCredentials(file, 'default')).toEqual({
      accessKeyId: 'AKIADEFAULT',
      secretAccessKey: 'secret/with+chars=',
      sessionToken: undefined,
    });
    expect(parseSharedCredentials(file, 'other')).toEqual({
      accessKeyId: 'AKIAOTHER',
      secretAccessKey: 'other',
      sessionToken: 'token',
    });
  });

  it('gives nothing for a missing profile or a profile without a secret', () => {
    expect(parseSharedCredentials(file, 'missing')).toBeUndefined();
    expect(
      parseSharedCredentials('[default]\naws_access_key_id = AKIA', 'default'),
    ).toBeUndefined();
  });
});
