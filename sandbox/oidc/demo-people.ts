// The people of the sandbox identity provider: a platform operator and a person to invite on the
// platform issuer (and one whose email is unverified), and two organizations with their own issuer each. `nemo` has no email, to show
// how a provider that omits it is refused.
export interface DemoPerson {
  id: string;
  name: string;
  description: string;
  email?: string;
  /** False: the provider says it has not verified the address (email_verified: false). */
  emailVerified?: boolean;
  groups: string[];
}

export interface DemoIssuer {
  /** The path segment of the issuer URL; `platform` or an org slug. */
  key: string;
  displayName: string;
  people: DemoPerson[];
}

export const OPERATOR_GROUP = 'zonekeeper-operators';
/** Listed as an operator email in the sandbox, to show that an unverified address grants nothing. */
export const UNVERIFIED_OPERATOR_EMAIL = 'una@platform.test';
export const ADMIN_GROUP = 'zonekeeper-admins';

export const DEMO_ISSUERS: DemoIssuer[] = [
  {
    key: 'platform',
    displayName: 'Platform',
    people: [
      {
        id: 'pat',
        name: 'Pat Operator',
        description: 'platform operator',
        email: 'pat@platform.test',
        groups: [OPERATOR_GROUP],
      },
      {
        id: 'una',
        name: 'Una Unverified',
        description: 'claims an operator email the IdP has not verified: no operator rights',
        email: 'una@platform.test',
        emailVerified: false,
        groups: [],
      },
      {
        id: 'ivy',
        name: 'Ivy Invited',
        description: 'no role until an org admin invites her',
        email: 'ivy@platform.test',
        groups: [],
      },
    ],
  },
  {
    key: 'acme',
    displayName: 'Acme Corp',
    people: [
      {
        id: 'ada',
        name: 'Ada Admin',
        description: 'admin of acme',
        email: 'ada@acme.test',
        groups: [ADMIN_GROUP],
      },
      {
        id: 'victor',
        name: 'Victor Viewer',
        description: 'viewer of acme',
        email: 'victor@acme.test',
        groups: ['developers'],
      },
      { id: 'nemo', name: 'Nemo', description: 'acme person without an email', groups: [] },
    ],
  },
  {
    key: 'globex',
    displayName: 'Globex',
    people: [
      {
        id: 'gina',
        name: 'Gina Admin',
        description: 'admin of globex',
        email: 'gina@globex.test',
        groups: [ADMIN_GROUP],
      },
    ],
  },
];
